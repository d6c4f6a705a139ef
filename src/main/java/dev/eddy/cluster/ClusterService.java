package dev.eddy.cluster;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** What the console shows of the Flink cluster: its overview, its jobs, and where Flink's own UI is. */
@Service
public class ClusterService {
    private final JobManagerClient jobManager;

    public ClusterService(JobManagerClient jobManager) {
        this.jobManager = jobManager;
    }

    public ClusterOverview overview() {
        return jobManager.overview();
    }

    /** Every job the cluster knows, newest first. */
    public List<JobSummary> jobs() {
        return jobManager.jobs().stream()
                .sorted(Comparator.comparing(JobSummary::started, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    public String webUiUrl() {
        return jobManager.baseUrl();
    }
}
