package dev.genlab.plugin.text;

/** How a text file becomes documents. Blank lines are lines holding nothing but white space. */
public enum Split {
    /** Runs of non-blank lines separated by one or more blank lines, each joined with {@code \n}. */
    PARAGRAPHS,
    /** Every non-blank line. */
    LINES,
    /** The whole file as one document (the runtime's split then cuts it by characters). */
    NONE
}
