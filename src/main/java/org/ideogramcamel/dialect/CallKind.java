package org.ideogramcamel.dialect;

/**
 * The calls a job makes to its provider. Only {@link #CREATE} can cost money; {@link #LIST} asks for the provider's
 * recent predictions, to find a create whose answer was lost.
 */
public enum CallKind {
    CREATE, POLL, CANCEL, LIST;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
