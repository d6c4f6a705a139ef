package dev.eddy.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.highavailability.ClientHighAvailabilityServices;
import org.apache.flink.runtime.highavailability.HighAvailabilityServicesUtils;
import org.apache.flink.runtime.leaderretrieval.LeaderRetrievalListener;
import org.apache.flink.runtime.leaderretrieval.LeaderRetrievalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JobManager leads a cluster with high availability, as Flink's own clients learn it: the
 * REST address the leader published in ZooKeeper. Eddy talks to the leader and follows it when a
 * standby takes over.
 */
final class JobManagerLeader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobManagerLeader.class);
    private final ClientHighAvailabilityServices services;
    private final LeaderRetrievalService retrieval;
    private volatile String address;

    /** Starts following the leader of the cluster these {@code high-availability.*} settings name. */
    JobManagerLeader(Map<String, String> settings) throws Exception {
        services = HighAvailabilityServicesUtils.createClientHAService(Configuration.fromMap(settings),
                error -> log.warn("Lost track of the JobManager leader: {}", error.getMessage()));
        retrieval = services.getClusterRestEndpointLeaderRetriever();
        retrieval.start(new LeaderRetrievalListener() {
            @Override
            public void notifyLeaderAddress(String leaderAddress, UUID leaderSessionId) {
                // No leader for a moment (an election) keeps the last one: requests to it fail in words until the next.
                if (leaderAddress != null && !leaderAddress.isBlank() && !leaderAddress.equals(address)) {
                    log.info("The JobManager at {} leads the cluster", leaderAddress);
                    address = leaderAddress;
                }
            }

            @Override
            public void handleError(Exception error) {
                log.warn("Could not follow the JobManager leader: {}", error.getMessage());
            }
        });
    }

    /** The leader's REST address, once one was elected. */
    Optional<String> address() {
        return Optional.ofNullable(address);
    }

    /** Waits for a first leader. */
    String await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (address == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No JobManager was elected leader within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        return address;
    }

    @Override
    public void close() {
        try {
            retrieval.stop();
            services.close();
        } catch (Exception e) {
            log.debug("Stopping the leader retrieval: {}", e.getMessage());
        }
    }
}
