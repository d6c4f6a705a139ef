package dev.eddy.observe.alert;

/**
 * What a rule sees of one subject at one evaluation: whether its condition {@code holds}, the figure
 * compared (null when there is none), and in words what it is; {@code link} is the page to look at.
 * An observation that is not {@code known} says the subject is there but cannot be read now (a job
 * restarting has no lag figure): whatever it was, firing or not, it stays.
 */
record Observation(String subject, String label, boolean holds, Double value, String summary, String link, boolean known) {
    Observation(String subject, String label, boolean holds, Double value, String summary, String link) {
        this(subject, label, holds, value, summary, link, true);
    }

    static Observation unknown(String subject, String label, String link) {
        return new Observation(subject, label, false, null, label + " cannot be read now", link, false);
    }
}
