package org.ideogramcamel.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Service;

/**
 * One running instance per state folder ({@code ideogram.state}): two instances on the same journal would resume,
 * dedupe and settle each other's jobs. The lock is an operating-system lock on {@code <state>/instance.lock}
 * (a {@link FileChannel} lock, not a marker file), so it ends with the process however it ends: a killed
 * instance never blocks the next start. The file holds the holder's pid, for the message the second one prints.
 * Instances with their own state folders (a cluster sharing one inbox) never meet here.
 *
 * <p>Within one JVM the lock is shared: the operating system cannot tell two Camel contexts of one process apart
 * (a test's nested contexts, an application that starts its context again), so they count on one lock, released
 * when the last of them stops.
 */
public final class StateLock implements Service {

    static final String FILE_NAME = "instance.lock";

    /** The locks this process holds, by file, with how many contexts hold each. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path file;
    private boolean holding;

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int holders;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private StateLock(Path file) {
        this.file = file;
    }

    /**
     * Takes the state folder's lock, or throws with one line naming the folder and the pid holding it. The lock is
     * held until {@link #stop()} (the Camel context's stop) or the process's end.
     */
    public static StateLock acquire(Path stateFolder) {
        Path file = stateFolder.toAbsolutePath().normalize().resolve(FILE_NAME);
        StateLock stateLock = new StateLock(file);
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held != null) {
                held.holders++;
                stateLock.holding = true;
                return stateLock;
            }
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new IllegalStateException("ideogram.state=" + stateFolder + " is in use by another running"
                        + " instance (pid " + holder + "); stop it first, or give this instance a state folder of"
                        + " its own with ideogram.state (instances sharing one inbox each need their own)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(true);
            Held held = new Held(channel, lock);
            held.holders = 1;
            synchronized (HELD) {
                HELD.put(file, held);
            }
            stateLock.holding = true;
            return stateLock;
        } catch (IOException e) {
            throw new IllegalStateException("ideogram.state=" + stateFolder + ": cannot lock " + file + " ("
                    + e.getMessage() + "); check that the folder is writable");
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    public Path file() {
        return file;
    }

    @Override
    public void start() {
        // taken in acquire, before anything touches the state folder
    }

    /** Gives the lock back; the file stays (the next start locks it again). */
    @Override
    public void stop() {
        synchronized (HELD) {
            if (!holding) {
                return;
            }
            holding = false;
            Held held = HELD.get(file);
            if (held == null || --held.holders > 0) {
                return;
            }
            HELD.remove(file);
            try {
                if (held.lock.isValid()) {
                    held.lock.release();
                }
                held.channel.close();
            } catch (IOException e) {
                // the process's end releases it anyway
            }
        }
    }
}
