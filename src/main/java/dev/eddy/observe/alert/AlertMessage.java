package dev.eddy.observe.alert;

import java.time.Instant;

/** One message to a channel: a rule firing, reminding, resolving, or a test from the Alerts page. */
record AlertMessage(Kind kind, String ruleName, Severity severity, String subjectLabel, String summary, String when,
        String link, Instant firedAt, Instant at) {
    enum Kind { FIRING, REMINDER, RESOLVED, TEST }

    /** The one line that heads an email and a chat message. */
    String headline() {
        return switch (kind) {
            case FIRING -> "[FIRING · " + severity.label() + "] " + ruleName + " — " + subjectLabel;
            case REMINDER -> "[STILL FIRING · " + severity.label() + "] " + ruleName + " — " + subjectLabel;
            case RESOLVED -> "[RESOLVED] " + ruleName + " — " + subjectLabel;
            case TEST -> "[TEST] A test message from Eddy";
        };
    }

    /** The body as plain text: what, the rule's condition, since when, and the link to look at. */
    String body() {
        if (kind == Kind.TEST) {
            return "This is a test message sent from Eddy's Alerts page. If you read it, this channel works.\n\n"
                    + "Alerts page: " + link + "\n";
        }
        StringBuilder b = new StringBuilder();
        b.append(switch (kind) {
            case FIRING -> ruleName + " is firing for " + subjectLabel + ".";
            case REMINDER -> ruleName + " is still firing for " + subjectLabel + ".";
            default -> ruleName + " is resolved for " + subjectLabel + ".";
        }).append("\n\n");
        b.append(kind == Kind.RESOLVED ? "Now: " : "What: ").append(summary).append('\n');
        b.append("Rule: fires when ").append(when).append('\n');
        b.append("Severity: ").append(severity.label()).append('\n');
        b.append("Fired at: ").append(AlertText.time(firedAt)).append('\n');
        if (kind == Kind.RESOLVED) {
            b.append("Resolved at: ").append(AlertText.time(at)).append(" (after ")
                    .append(AlertText.duration(java.time.Duration.between(firedAt, at).withNanos(0))).append(")\n");
        }
        b.append('\n').append("Look at it: ").append(link).append('\n');
        return b.toString();
    }
}
