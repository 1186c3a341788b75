package org.ideogramcamel.dialect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.Vocabulary;

/**
 * One provider's capability table: a {@link ModelCapabilities} row per model it sells, and the one check that
 * refuses, before any call, what the chosen model does not sell. Each refusal is one line that says what is
 * allowed instead ({@code style 'anime' is not sold for v3_turbo on replicate; use auto, general, realistic, design}).
 */
public final class CapabilityTable {

    /** Values and fields Ideogram 3 brought: a v1/v2 model's own checks do not know them, so the table refuses them. */
    private static final Set<String> V3_ASPECT_RATIOS = Set.of("1:2", "2:1", "4:5", "5:4");
    private static final Set<String> V3_STYLES = Set.of("fiction");
    private static final Set<String> V3_FIELDS = Set.of("style_reference_images", "character_image", "style_codes",
            "style_preset");
    /** Fields the table does not check one by one: the job's identity, and values checked against their own lists. */
    private static final Set<String> NOT_FIELDS = Set.of("model", "operation", "image", "aspect_ratio", "style",
            "num_images");

    private final String provider;
    private final Map<String, ModelCapabilities> byModel = new LinkedHashMap<>();

    public CapabilityTable(String provider, List<ModelCapabilities> rows) {
        this.provider = provider;
        rows.forEach(row -> byModel.put(row.model(), row));
    }

    public String provider() {
        return provider;
    }

    public List<ModelCapabilities> rows() {
        return List.copyOf(byModel.values());
    }

    public Optional<ModelCapabilities> row(String canonicalModel) {
        return Optional.ofNullable(byModel.get(canonicalModel));
    }

    /** The row a canonical name or the provider's own name ({@code ideogram-v2-turbo}, {@code v_2}) stands for. */
    public Optional<ModelCapabilities> byWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String wanted = word.strip().toLowerCase(Locale.ROOT);
        return byModel.values().stream().filter(row -> row.model().equals(wanted)
                || row.word().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Every operation some model sells, in the vocabulary's order. */
    public Set<String> operations() {
        Set<String> all = new LinkedHashSet<>();
        Vocabulary.OPERATIONS.stream().filter(op -> byModel.values().stream().anyMatch(r -> r.sells(op)))
                .forEach(all::add);
        return all;
    }

    /** Every refusal the table finds for the job on this canonical model. */
    public List<String> refusals(ImageJob job, String canonicalModel) {
        return refusals(job, canonicalModel, false);
    }

    /**
     * Like {@link #refusals(ImageJob, String)}, but for a model whose dialect keeps its own long-standing checks
     * (the v1/v2 models): only the model, the operation and what Ideogram 3 added are checked here.
     */
    public List<String> v3Refusals(ImageJob job, String canonicalModel) {
        return refusals(job, canonicalModel, true);
    }

    /** Every refusal the table finds for the job against one row (a provider may pick the row by the job). */
    public List<String> refusals(ImageJob job, ModelCapabilities row) {
        return check(job, row, false);
    }

    private List<String> refusals(ImageJob job, String model, boolean onlyV3Additions) {
        ModelCapabilities row = byModel.get(model);
        if (row == null) {
            return List.of("model '" + model + "' is not sold on " + provider + "; use " + String.join(", ",
                    byModel.keySet()));
        }
        return check(job, row, onlyV3Additions);
    }

    private List<String> check(ImageJob job, ModelCapabilities row, boolean onlyV3Additions) {
        String model = row.model();
        List<String> refusals = new ArrayList<>();
        if (!row.sells(job.operation())) {
            refusals.add("operation " + job.operation() + " is not sold for " + model + " on " + provider + "; use "
                    + String.join(", ", ordered(row.operations())) + sellersOf(job.operation()));
            return refusals;
        }
        String ratio = job.aspectRatio();
        if (ratio != null && !row.aspectRatios().contains(ratio) && (!onlyV3Additions || V3_ASPECT_RATIOS.contains(ratio))) {
            refusals.add(notSold("aspect_ratio '" + ratio + "'", row, String.join(", ", row.aspectRatios())));
        }
        String style = job.style();
        if (style != null && !row.styles().contains(style) && (!onlyV3Additions || V3_STYLES.contains(style))) {
            refusals.add(notSold("style '" + style + "'", row, String.join(", ", row.styles())));
        }
        for (String field : job.options().keySet()) {
            if (!NOT_FIELDS.contains(field) && !row.fields().contains(field)
                    && (!onlyV3Additions || V3_FIELDS.contains(field))) {
                refusals.add(notSold(field, row, "remove it"));
            }
        }
        if (!onlyV3Additions && job.imagesWanted() > row.maxImages()) {
            refusals.add(notSold("num_images " + job.numImages(), row, "use at most " + row.maxImages()));
        }
        if (job.styleReferenceImages().size() > row.maxReferences() && row.fields().contains("style_reference_images")) {
            refusals.add(notSold(job.styleReferenceImages().size() + " style_reference_images", row,
                    "use at most " + row.maxReferences()));
        }
        return refusals;
    }

    private String notSold(String what, ModelCapabilities row, String instead) {
        return what + " is not sold for " + row.model() + " on " + provider + "; " + (instead.startsWith("use")
                || instead.startsWith("remove") ? instead : "use " + instead);
    }

    /** Which other models of this provider sell an operation, as advice. */
    private String sellersOf(String operation) {
        List<String> models = byModel.values().stream().filter(r -> r.sells(operation)).map(ModelCapabilities::model)
                .toList();
        return models.isEmpty() ? "" : ", or model " + String.join(" or ", models);
    }

    private static List<String> ordered(Set<String> operations) {
        return Vocabulary.OPERATIONS.stream().filter(operations::contains).toList();
    }
}
