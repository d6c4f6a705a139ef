package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What reaches the JobManager through Eddy's /flink/: plain reads only, admin pages for admins only. */
class FlinkWebUiTest {
    // Nothing listens here: a request that got through would be answered 503.
    private final FlinkWebUi ui = new FlinkWebUi(new JobManagerClient("http://127.0.0.1:9", new ObjectMapper()));

    @Test
    void pathsOutsideFlinksRoutesAreRefusedBeforeAnyRequest() throws Exception {
        for (String path : new String[] {"/../etc/passwd", "/jobs/%2e%2e/config", "overview", "/jobs?x", "/a b"}) {
            FlinkWebUi.Answer answer = ui.get(path, null);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).contains("under /flink/");
        }
        assertThat(ui.get("/jobs/overview", "a=<script>").status()).isEqualTo(404);
    }

    @Test
    void theClusterConfigurationAndLogsNeedAnAdmin() throws Exception {
        for (String path : new String[] {"/jobmanager/config", "/jobmanager/logs", "/taskmanagers/tm-1/log",
            "/taskmanagers/tm-1/thread-dump", "/jobs/abc/jobmanager/config"}) {
            FlinkWebUi.Answer answer = ui.get(path, null);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).contains("are for admins");
        }
    }

    @Test
    void aReadGoesToTheJobManagerAndItsSilenceIsToldInWords() throws Exception {
        FlinkWebUi.Answer answer = ui.get("/overview", null);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Flink's JobManager does not answer").doesNotContain("\tat ");
    }
}
