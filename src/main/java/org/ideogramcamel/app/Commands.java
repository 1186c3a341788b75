package org.ideogramcamel.app;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.PrettyJson;
import org.ideogramcamel.deadletter.DeadLetterRetry;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.flow.DryRun;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobValidator;
import org.ideogramcamel.job.SourceImages;

/**
 * The launcher's commands besides running the app: {@code --help}, {@code --version}, {@code retry} and
 * {@code validate}. They read the same configuration as the app (the home's {@code config/application.properties},
 * {@code -D}, {@code IDEOGRAM_*}) but start no route, open no port and run beside a running instance.
 */
final class Commands {

    static final String USAGE = """
            Usage: ideogram-camel [--config <home>] [Camel Main options]
                     run the app: watch the inbox (and the HTTP intake when enabled) until stopped
                   ideogram-camel retry <channel folder> [--provider NAME] [--unknown-outcome] [--config <home>]
                     put the dead-lettered jobs of a folder (e.g. failed/server-errors) back into the inbox on the
                     provider they failed on (or NAME); jobs whose create may have been billed only with
                     --unknown-outcome; the .error.json records are never put back
                   ideogram-camel validate FILE... [--provider NAME] [--config <home>]
                     check prompt files as the app would (the job format and the provider's own refusals) and print
                     the request each job would send (credentials masked) and its estimated cost; sends nothing,
                     needs no key
                   ideogram-camel --help | --version

            The home holds config/ and routes/: --config <dir>, else -Dideogram.home, else IDEOGRAM_HOME, else the
            working directory (bin/ideogram-camel: its own installation folder). Keys: README, Configuration.""";

    private Commands() {
    }

    /** {@code --help}/{@code -h} or {@code --version} anywhere on the command line; null when neither. */
    static String infoRequested(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                return USAGE;
            }
            if (arg.equals("--version")) {
                return "ideogram-camel " + StartupBanner.version();
            }
        }
        return null;
    }

    static boolean isCommand(String[] args) {
        return args.length > 0 && (args[0].equals("retry") || args[0].equals("validate"));
    }

    /** Runs {@code retry} or {@code validate}; the exit status. */
    static int run(IdeogramHome.Launch launch, PrintStream out, PrintStream err) {
        String[] args = launch.camelArgs();
        try {
            Settings settings = settings(launch);
            return args[0].equals("retry") ? retry(settings, rest(args), out)
                    : validate(settings, rest(args), out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("ideogram-camel " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (java.io.UncheckedIOException e) {
            err.println("ideogram-camel " + args[0] + ": " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            return 1;
        }
    }

    /** The configuration as the app reads it, without a running Camel context. */
    static Settings settings(IdeogramHome.Launch launch) {
        System.setProperty(IdeogramHome.KEY, launch.home().toString());
        DefaultCamelContext context = new DefaultCamelContext(false);
        context.build(); // the type converter the properties component reads override values with
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation("file:" + launch.configFile());
        Settings settings = new Settings(properties);
        IdeogramHome.anchorFolders(properties, settings);
        return settings;
    }

    private static int retry(Settings settings, List<String> args, PrintStream out) {
        String provider = option(args, "--provider");
        boolean unknownOutcome = args.remove("--unknown-outcome");
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            throw new IllegalArgumentException("name one dead-letter folder, e.g. retry failed/server-errors"
                    + " [--provider NAME] [--unknown-outcome]" + (args.isEmpty() ? "" : " (got " + args + ")"));
        }
        requireProvider(provider);
        Path inbox = settings.folder("ideogram.inbox", "inbox");
        List<DeadLetterRetry.Outcome> outcomes = new DeadLetterRetry(inbox)
                .retryFolder(resolve(settings, args.get(0)), provider, unknownOutcome);
        long retried = outcomes.stream().filter(DeadLetterRetry.Outcome::retried).count();
        outcomes.forEach(outcome -> out.println(outcome.message()));
        out.println(retried + " job" + (retried == 1 ? "" : "s") + " put back into " + inbox + ", "
                + (outcomes.size() - retried) + " skipped");
        return 0;
    }

    private static int validate(Settings settings, List<String> args, PrintStream out) {
        String provider = option(args, "--provider");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("name the prompt files to check, e.g. validate inbox/lighthouse.json"
                    + " [--provider NAME]");
        }
        requireProvider(provider);
        JobReader reader = new JobReader(settings.bytes("ideogram.max-file-size", 1_048_576L));
        Dialects dialects = new Dialects(ProviderWiring.dialects(withoutCredentials(settings)));
        Map<String, BigDecimal> prices = OperatorTools.prices(settings);
        String defaultProvider = settings.text("ideogram.provider", "offline");
        int refused = 0;
        for (String name : args) {
            Path file = Path.of(name).toAbsolutePath().normalize();
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                out.println(name + ": cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                refused++;
                continue;
            }
            // source images are found relative to the prompt file, as in the inbox
            JobValidator validator = new JobValidator(defaultProvider, new SourceImages(file.getParent(),
                    settings.bytes("ideogram.max-image-size", 10_485_760L)), Providers.CATALOG);
            DryRun dryRun = new DryRun(reader, validator, dialects, prices);
            for (DryRun.Preview preview : dryRun.file(file.getFileName().toString(), content, provider)) {
                refused += preview.isValid() ? 0 : 1;
                print(name, preview, out);
            }
        }
        out.println(refused == 0 ? "nothing was sent" : "nothing was sent; " + refused + " refused");
        return refused == 0 ? 0 : 1;
    }

    /**
     * The configuration with every provider credential replaced by a stand-in: validate needs no key (a dialect
     * refuses a job without one) and never holds a real one, since it sends nothing.
     */
    private static Settings withoutCredentials(Settings settings) {
        for (String key : KnownKeys.all()) {
            if (key.startsWith("ideogram.providers.") && StartupBanner.isSecret(key)) {
                settings.properties().addOverrideProperty(key, "validate-sends-nothing");
            }
        }
        return settings;
    }

    private static void print(String file, DryRun.Preview preview, PrintStream out) {
        String where = file + " (job " + preview.job() + ")";
        if (!preview.isValid()) {
            out.println(where + ": refused: " + preview.refusal());
            return;
        }
        out.println(where + ": valid for " + preview.provider());
        if (preview.request() == null) {
            out.println("  no request: the offline provider renders a placeholder locally");
        } else {
            try {
                String request = PrettyJson.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(preview.request());
                request.lines().forEach(line -> out.println("  " + line));
            } catch (JsonProcessingException e) {
                out.println("  " + preview.request());
            }
        }
        out.println("  estimated cost: " + (preview.cost() == null
                ? "unknown (set ideogram.providers." + preview.provider() + ".price-per-image)"
                : preview.images() + " image" + (preview.images() == 1 ? "" : "s") + " × "
                        + preview.cost().divide(java.math.BigDecimal.valueOf(preview.images())).toPlainString() + " = "
                        + preview.cost().toPlainString()));
    }

    private static void requireProvider(String provider) {
        if (provider != null && !Providers.names().contains(provider)) {
            throw new IllegalArgumentException("--provider " + provider + " is not valid; use one of "
                    + String.join(" ", Providers.names()));
        }
    }

    /** A folder named on the command line: as given (from the working directory), else in the home. */
    private static Path resolve(Settings settings, String folder) {
        Path given = Path.of(folder);
        if (Files.isDirectory(given) || given.isAbsolute()) {
            return given.toAbsolutePath().normalize();
        }
        return IdeogramHome.of(settings).resolve(folder).normalize();
    }

    private static List<String> rest(String[] args) {
        return new ArrayList<>(List.of(args).subList(1, args.length));
    }

    /** Takes {@code --name VALUE} (or {@code --name=VALUE}) out of the arguments; null when absent. */
    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                args.remove(i);
                return args.remove(i);
            }
            if (args.get(i).startsWith(name + "=")) {
                return args.remove(i).substring(name.length() + 1);
            }
        }
        return null;
    }
}
