package org.ideogramcamel.job;

import java.util.List;

/**
 * A colour palette: either one of Ideogram's preset names or a list of weighted colours.
 *
 * @param preset  preset name such as {@code pastel}, or null when {@code members} is used
 * @param members weighted colours, empty when a preset is used
 */
public record ColorPalette(String preset, List<Member> members) {

    /** One colour of a custom palette; {@code weight} is between 0.05 and 1.0. */
    public record Member(String hex, double weight) {
    }

    public static ColorPalette ofPreset(String name) {
        return new ColorPalette(name, List.of());
    }

    public static ColorPalette ofMembers(List<Member> members) {
        return new ColorPalette(null, List.copyOf(members));
    }

    public boolean isPreset() {
        return preset != null;
    }
}
