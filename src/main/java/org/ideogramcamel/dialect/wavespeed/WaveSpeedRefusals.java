package org.ideogramcamel.dialect.wavespeed;

import java.util.ArrayList;
import java.util.List;

import org.ideogramcamel.job.ImageJob;

/**
 * What WaveSpeed cannot do for a job, found before any call. Ideogram 3 jobs are checked against the capability
 * table alone; the v2 models keep the checks (and words) they had before it, plus the table's check of what
 * Ideogram 3 added.
 */
final class WaveSpeedRefusals {

    private WaveSpeedRefusals() {
    }

    /** {@code canonical} is the job's model, else the configured one; null for a configured model of no table. */
    static List<String> of(ImageJob job, String canonical, boolean hasKey) {
        List<String> refusals = new ArrayList<>();
        if (WaveSpeedModels.isV3(canonical)) {
            refusals.addAll(WaveSpeedModels.TABLE.refusals(job, canonical));
            refusals.addAll(maskAndKey(job, hasKey));
            return refusals;
        }
        refusals.addAll(maskAndKey(job, hasKey));
        if (job.model() != null && (WaveSpeedModels.TABLE.row(job.model()).isEmpty())) {
            refusals.add("wavespeed: model '" + job.model() + "' is not offered; use v2 or v2_turbo");
        }
        refusals.addAll(v2Refusals(job));
        if (refusals.isEmpty() && canonical != null) {
            refusals.addAll(WaveSpeedModels.TABLE.v3Refusals(job, canonical));
        }
        return refusals;
    }

    private static List<String> maskAndKey(ImageJob job, boolean hasKey) {
        List<String> refusals = new ArrayList<>();
        if (job.is("edit") && job.mask() == null) {
            refusals.add("wavespeed: edit needs a mask (black marks the area to regenerate)");
        }
        if (job.mask() != null && !MaskInverter.canRead(job.mask())) {
            refusals.add("wavespeed: mask " + job.mask().getFileName() + " must be inverted for WaveSpeed and this"
                    + " format cannot be decoded; use a PNG, JPEG or GIF mask");
        }
        if (!hasKey) {
            refusals.add("wavespeed: no API key; set WAVESPEED_API_KEY or ideogram.providers.wavespeed.api-key");
        }
        return refusals;
    }

    /** The checks of the v2 models, as they were before the capability table. */
    private static List<String> v2Refusals(ImageJob job) {
        List<String> refusals = new ArrayList<>();
        if (job.aspectRatio() != null && !WaveSpeedModels.RATIOS.contains(job.aspectRatio())) {
            refusals.add("wavespeed: aspect_ratio " + job.aspectRatio() + " is not offered; use one of "
                    + String.join(" ", WaveSpeedModels.RATIOS));
        }
        if (job.negativePrompt() != null) {
            refusals.add("wavespeed: negative_prompt is not supported; remove it or describe what you want in the"
                    + " prompt");
        }
        if (job.resolution() != null) {
            refusals.add("wavespeed: resolution is not supported; use aspect_ratio instead");
        }
        if (job.magicPrompt() != null) {
            refusals.add("wavespeed: magic_prompt is not supported; remove it");
        }
        if (job.seed() != null) {
            refusals.add("wavespeed: seed is not supported; remove it (WaveSpeed picks a random seed)");
        }
        if (job.imagesWanted() > 1) {
            refusals.add("wavespeed: num_images " + job.numImages()
                    + " is not supported; a WaveSpeed task makes one image (use 1, or the ideogram provider)");
        }
        if (job.colorPalette() != null) {
            refusals.add("wavespeed: color_palette is not supported by WaveSpeed's Ideogram models");
        }
        return refusals;
    }

}
