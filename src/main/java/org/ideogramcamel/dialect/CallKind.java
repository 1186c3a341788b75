package org.ideogramcamel.dialect;

/** The calls a job makes to its provider. Only {@link #CREATE} can cost money. */
public enum CallKind {
    CREATE, POLL, CANCEL;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
