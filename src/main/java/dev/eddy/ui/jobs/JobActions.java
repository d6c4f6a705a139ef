package dev.eddy.ui.jobs;

import dev.eddy.security.Role;
import dev.eddy.security.Access;
import dev.eddy.security.CurrentUser;
import dev.eddy.ui.Async;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.contextmenu.GridContextMenu;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import dev.eddy.job.Job;
import dev.eddy.job.JobService;
import dev.eddy.job.RestorePoint;
import dev.eddy.ui.RelativeTime;
import java.util.List;
import java.util.function.Supplier;

/** What can be done to a job in its state: stop with savepoint, savepoint, cancel, restart, edit, delete. */
final class JobActions {
    private final JobService jobs;
    private final Runnable refresh;

    JobActions(JobService jobs, Runnable refresh) {
        this.jobs = jobs;
        this.refresh = refresh;
    }

    /** The job's actions as buttons in a row, for the job's page; the first one is the one to expect. */
    MenuBar buttons(Job job) {
        MenuBar menu = new MenuBar();
        menu.addClassName("eddy-job-actions");
        menu.getElement().setAttribute("data-job", job.name());
        actions(job).forEach((label, action) -> {
            var item = menu.addItem(label, e -> action.run());
            if (menu.getItems().size() == 1) {
                item.addThemeNames("primary");
            }
        });
        return menu;
    }

    /**
     * A context menu on a grid of jobs (click a row, or right-click it): it lives beside the grid,
     * so the grid's live refresh does not close it under the user's pointer.
     */
    <T> GridContextMenu<T> contextMenu(Grid<T> grid, java.util.function.Function<T, Job> jobOf) {
        GridContextMenu<T> menu = grid.addContextMenu();
        menu.setOpenOnClick(true);
        menu.setDynamicContentHandler(row -> {
            menu.removeAll();
            if (row == null) {
                return false;
            }
            Job job = jobs.get(jobOf.apply(row).id());
            actions(job).forEach((label, action) -> {
                if (action == null) {
                    menu.addItem(label).setEnabled(false);
                } else {
                    menu.addItem(label, e -> action.run());
                }
            });
            return true;
        });
        return menu;
    }

    private java.util.Map<String, Runnable> actions(Job job) {
        java.util.Map<String, Runnable> actions = new java.util.LinkedHashMap<>();
        if (!Access.allows(Role.DEVELOPER)) {
            // Viewers watch jobs; every action would be refused.
            return actions;
        }
        if (!manageable(job)) {
            // Another developer's job: the service would refuse, so say whose it is instead.
            actions.put(job.owner() + "'s job: only they or an admin can change it", null);
            return actions;
        }
        if (job.isActive()) {
            actions.put("Stop with savepoint", () -> stop(job));
            actions.put("Take a savepoint", () -> savepoint(job));
            actions.put("Cancel", () -> cancel(job));
        } else {
            actions.put("Restart", () -> restart(job));
            actions.put("Restart from…", () -> restartFrom(job));
        }
        actions.put("Edit", () -> DeployDialog.edit(jobs, job, j -> {
            notify("Saved version " + j.version() + " of " + j.name(), false);
            refresh.run();
        }).open());
        if (!job.isActive()) {
            actions.put("Delete", () -> delete(job));
        }
        return actions;
    }

    /** Whether the signed-in user may act on the job (theirs, or they are an admin). */
    static boolean manageable(Job job) {
        return CurrentUser.get().map(job::manageableBy).orElse(false);
    }

    private void stop(Job job) {
        background("Taking a savepoint of " + job.name() + " and stopping it…", () -> jobs.stop(job.id()),
                s -> "Stopped " + job.name() + " with a savepoint; Restart resumes from it.");
    }

    private void savepoint(Job job) {
        background("Taking a savepoint of " + job.name() + "…", () -> jobs.savepoint(job.id()),
                s -> "Savepoint of " + job.name() + " written to " + s.path());
    }

    private void cancel(Job job) {
        ConfirmDialog confirm = new ConfirmDialog("Cancel " + job.name() + "?", "The job stops at once, without a "
                + "savepoint. Its latest checkpoint is kept, so Restart resumes from there.", "Cancel job",
                e -> background("Cancelling " + job.name() + "…", () -> {
                    jobs.cancel(job.id());
                    return job;
                }, j -> "Cancelled " + job.name()));
        confirm.setCancelable(true);
        confirm.setCancelText("Keep running");
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void restart(Job job) {
        background("Starting " + job.name() + " from its newest savepoint or checkpoint…", () -> jobs.restart(job.id()),
                j -> "Restarted " + j.name() + " (version " + j.version() + ")");
    }

    private void restartFrom(Job job) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Restart " + job.name() + " from…");
        List<RestorePoint> points = jobs.restorePoints(job.id());
        Select<RestorePoint> from = new Select<>();
        from.setLabel("State to start from");
        from.setEmptySelectionAllowed(true);
        from.setEmptySelectionCaption("Empty state: start over from the tables' start positions");
        from.setItems(points);
        from.setItemLabelGenerator(p -> p == null ? "Empty state" : p.label() + " · " + RelativeTime.ago(p.takenAt()));
        from.setWidthFull();
        if (!points.isEmpty()) {
            from.setValue(points.get(0));
        }
        Checkbox allow = new Checkbox("Allow dropping state the current version has no place for");
        Paragraph help = new Paragraph("Version " + job.version() + " runs. If its plan differs from the one that "
                + "wrote the state, Flink refuses state it cannot map unless you allow dropping it (that state is lost).");
        help.addClassName("eddy-help");
        Button go = new Button("Restart", e -> {
            RestorePoint point = from.getValue();
            boolean dropping = allow.getValue();
            dialog.close();
            background("Starting " + job.name() + "…", () -> jobs.restart(job.id(), point, dropping),
                    j -> "Restarted " + j.name() + (point == null ? " with empty state" : " from " + point.label()));
        });
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(from, allow, help);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), go);
        dialog.setWidth("min(40em, 94vw)");
        dialog.open();
    }

    private void delete(Job job) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + job.name() + "?", "Its versions and its savepoint "
                + "records are deleted from Eddy. The tables it wrote keep their data.", "Delete", e -> {
                    jobs.delete(job.id());
                    refresh.run();
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private <T> void background(String doing, Supplier<T> work, java.util.function.Function<T, String> done) {
        Notification progress = Notification.show(doing, 0, Notification.Position.BOTTOM_START);
        Async.run(work::get, result -> {
            progress.close();
            notify(done.apply(result), false);
            refresh.run();
        }, error -> {
            progress.close();
            notify(error.getMessage(), true);
            refresh.run();
        });
    }

    static void notify(String text, boolean error) {
        Notification n = Notification.show(text, error ? 10000 : 5000,
                error ? Notification.Position.MIDDLE : Notification.Position.BOTTOM_START);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }
}
