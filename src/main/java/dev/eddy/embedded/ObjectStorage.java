package dev.eddy.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3-compatible store holding the cluster's checkpoints and savepoints: Eddy's own S3 API server
 * or any endpoint an admin names. The keys are secrets: they go to Flink's configuration only.
 */
record ObjectStorage(String endpoint, String bucket, String accessKey, String secretKey) {

    /** Where checkpoints and savepoints go: {@code s3://bucket}. */
    String stateDir() {
        return "s3://" + bucket;
    }

    /** What Flink's S3 file system needs to reach the store. */
    Map<String, String> flinkSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("s3.endpoint", endpoint);
        s.put("s3.path.style.access", "true");
        s.put("s3.access-key", accessKey);
        s.put("s3.secret-key", secretKey);
        return s;
    }

    @Override
    public String toString() {
        return "ObjectStorage[" + endpoint + ", bucket " + bucket + "]";
    }
}
