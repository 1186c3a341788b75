package org.ideogramcamel.dialect;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one provider sells for one model: the row of its capability table. Validation, the failover's "which
 * provider sells this job" and the README read it; nothing here is sent anywhere.
 *
 * @param model         the canonical model ({@code v3_turbo})
 * @param word          the provider's own name for it ({@code ideogram-v3-turbo}, {@code V_3_TURBO})
 * @param operations    the operations sold ({@code generate edit ...})
 * @param aspectRatios  the aspect ratios sold, canonical ({@code 4:5})
 * @param styles        the styles sold, canonical ({@code fiction})
 * @param fields        the optional job fields sold ({@code seed}, {@code style_reference_images} ...)
 * @param maxImages     the most images one job may ask for
 * @param maxReferences the most style reference images one job may name
 * @param pricePerImage the provider's list price per image in USD, or null when unknown
 * @param mask          how the provider reads a mask, or null when the model takes none
 */
public record ModelCapabilities(String model, String word, Set<String> operations, List<String> aspectRatios,
        List<String> styles, Set<String> fields, int maxImages, int maxReferences, BigDecimal pricePerImage,
        MaskReading mask) {

    public ModelCapabilities {
        operations = Set.copyOf(new LinkedHashSet<>(operations));
        aspectRatios = List.copyOf(aspectRatios);
        styles = List.copyOf(styles);
        fields = Set.copyOf(fields);
    }

    /** The same row under another model name and price (the speed variants of one generation). */
    public ModelCapabilities as(String canonical, String providerWord, String price) {
        return new ModelCapabilities(canonical, providerWord, operations, aspectRatios, styles, fields, maxImages,
                maxReferences, price == null ? null : new BigDecimal(price), mask);
    }

    /** The same row with other operations. */
    public ModelCapabilities selling(Set<String> otherOperations) {
        return new ModelCapabilities(model, word, otherOperations, aspectRatios, styles, fields, maxImages,
                maxReferences, pricePerImage, mask);
    }

    public boolean sells(String operation) {
        return operations.contains(operation);
    }

    /** Which colour of a mask marks the area the provider repaints. */
    public enum MaskReading {
        /** Black repaints, white is kept: the canonical rule, sent as it is. */
        BLACK_REPAINTS,
        /** White repaints: the canonical mask is inverted before it is sent. */
        WHITE_REPAINTS
    }
}
