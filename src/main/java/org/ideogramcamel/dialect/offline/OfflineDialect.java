package org.ideogramcamel.dialect.offline;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.job.ImageJob;

/**
 * The default provider: runs the same routes end to end but renders placeholder PNGs locally instead of
 * calling an API, so a fresh clone works with no key and no network.
 */
public class OfflineDialect implements ProviderDialect {

    private final PlaceholderRenderer renderer = new PlaceholderRenderer();

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public URI baseUri() {
        return null;
    }

    @Override
    public String model(ImageJob job) {
        return "placeholder";
    }

    @Override
    public List<String> refusals(ImageJob job) {
        return List.of();
    }

    @Override
    public ProviderCall create(ImageJob job) {
        return ProviderCall.withoutNetwork(CallKind.CREATE);
    }

    @Override
    public ProviderCall poll(Prediction prediction) {
        throw new IllegalStateException("offline predictions are never pending");
    }

    @Override
    public ProviderCall cancel(Prediction prediction) {
        throw new IllegalStateException("offline predictions are never pending");
    }

    @Override
    public Prediction answerLocally(ProviderCall call, ImageJob job) {
        if (job.is("describe")) {
            return Prediction.described(name(), model(job), List.of("Placeholder description of "
                    + job.image().getFileName() + " (offline provider: no API was called)."));
        }
        String text = job.prompt() == null ? "" : job.prompt();
        long seed = job.seed() != null ? job.seed() : Math.abs((long) text.hashCode());
        List<GeneratedImage> images = new ArrayList<>();
        for (int i = 1; i <= job.imagesWanted(); i++) {
            byte[] png = renderer.render(text, job.resolution(), job.aspectRatio(), i, seed);
            images.add(new GeneratedImage(i, null, png, seed, job.resolution()));
        }
        return new Prediction(name(), null, model(job), Prediction.State.SUCCEEDED, images, null);
    }

    @Override
    public Prediction read(CallKind kind, ImageJob job, byte[] body) {
        throw new IllegalStateException("offline calls are answered locally");
    }

    @Override
    public ProviderError error(int status, byte[] body) {
        return new ProviderError("HTTP " + status, null);
    }
}
