package dev.eddy.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the tests of the plans of processes read the same way: pid files, the job's tasks, the processes grid. */
final class ClusterProcessesSupport {
    private ClusterProcessesSupport() {}

    /** The pid a process directory's pid file names, if any. */
    static Optional<Long> pid(Path processDir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(processDir.resolve("pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether a job, as Flink's REST API describes it ({@code /jobs/<id>}), runs with every task running. */
    static boolean allTasksRunning(JsonNode job) {
        JsonNode vertices = job.path("vertices");
        if (!"RUNNING".equals(job.path("state").asText()) || vertices.isEmpty()) {
            return false;
        }
        for (JsonNode v : vertices) {
            if (!"RUNNING".equals(v.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The Cluster page's processes grid as text, cells joined by '|'. */
    static String nodesGridText(ChromeDriver browser) {
        Object text = browser.executeScript("const g = document.querySelector('vaadin-grid.eddy-nodes');"
                + "return g ? Array.from(g.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent).join('|') : '';");
        return text == null ? "" : text.toString();
    }
}
