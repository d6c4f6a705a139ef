package dev.eddy.ui.jobs;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.eddy.job.Job;
import java.time.Duration;
import java.util.List;

/** How a job's state reads at a glance: a coloured badge, and a flag when it runs an older version. */
final class JobBadges {
    private JobBadges() {}

    static HorizontalLayout status(Job job, List<String> olderTables, List<String> olderLibraries) {
        HorizontalLayout badges = new HorizontalLayout(state(job.state()));
        if (!olderTables.isEmpty()) {
            badges.add(flag("older table version", "eddy-job-older-tables", "Edited since this version was deployed: "
                    + String.join(", ", olderTables) + ". The job keeps the definitions it started with until it "
                    + "is redeployed."));
        }
        if (!olderLibraries.isEmpty()) {
            badges.add(flag("older function library", "eddy-job-older-libraries", "Uploaded anew since this version "
                    + "was deployed: " + String.join(", ", olderLibraries) + ". The job keeps the code it started with "
                    + "until it is redeployed."));
        }
        badges.setSpacing(false);
        badges.getStyle().set("gap", "var(--lumo-space-xs)");
        if (job.isActive() && job.runsOlderVersion()) {
            Span older = badge("runs v" + job.runningVersion(), "badge contrast");
            older.getElement().setAttribute("title", "Version " + job.version() + " is saved but not running: "
                    + "Edit → Save and redeploy, or restart the job, to run it.");
            badges.add(older);
        }
        if (job.failure() != null && !job.failure().isBlank()) {
            badges.getElement().setAttribute("title", job.failure());
        }
        return badges;
    }

    private static Span flag(String text, String className, String title) {
        Span flag = badge(text, "badge contrast");
        flag.addClassName(className);
        flag.getElement().setAttribute("title", title);
        return flag;
    }

    static Span state(String state) {
        String theme = switch (state) {
            case "RUNNING" -> "badge success";
            case "FAILED", "FAILING", "RESTARTING" -> "badge error";
            case "CREATED", "INITIALIZING", "CANCELLING", "RECONCILING" -> "badge";
            default -> "badge contrast";
        };
        String label = switch (state) {
            case "FINISHED" -> "STOPPED";
            case "CANCELED" -> "CANCELLED";
            default -> state;
        };
        Span badge = badge(label, theme);
        badge.addClassName("eddy-job-state");
        return badge;
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : s < 86400 ? (s / 3600) + " h " + (s % 3600 / 60) + " min" : (s / 86400) + " d " + (s % 86400 / 3600) + " h";
    }

    static String rate(double perSecond) {
        return perSecond < 10 ? String.format("%.1f/s", perSecond) : String.format("%,.0f/s", perSecond);
    }

    static String shortName(String table) {
        return table.startsWith("eddy.default_database.") ? table.substring("eddy.default_database.".length()) : table;
    }
}
