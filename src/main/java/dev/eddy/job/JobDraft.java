package dev.eddy.job;

import java.util.regex.Pattern;

/** What the user fills in to deploy a job: a name, a description, the statement and its settings. */
public record JobDraft(String name, String description, String statement, JobSettings settings) {
    static final int MAX_NAME = 120;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** The name as it will be kept, stripped; refused in words when it is empty, too long or holds control characters. */
    String checkedName() {
        String kept = name == null ? "" : name.strip();
        if (kept.isEmpty()) {
            throw new JobException("Give the job a name: it is how you will find it in the Jobs page.");
        }
        if (kept.length() > MAX_NAME) {
            throw new JobException("A job name is at most " + MAX_NAME + " characters long; this one has "
                    + kept.length() + ". Put the rest in the description.");
        }
        if (CONTROL.matcher(kept).find()) {
            throw new JobException("A job name cannot hold control characters (a tab, a line break, a NUL): "
                    + "use letters, digits, spaces and punctuation.");
        }
        return kept;
    }
}
