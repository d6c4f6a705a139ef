package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectStorageSettingsTest {
    @Test
    void anExternalEndpointNeedsBothKeysAndNoKeyIsEverPrinted() {
        assertThat(new ClusterProperties.ObjectStorageSettings("", "eddy", "", "").external()).isEmpty();
        assertThatThrownBy(() -> new ClusterProperties.ObjectStorageSettings("https://s3.example", "eddy", "AKIA", "")
                .external()).hasMessageContaining("secret-key").hasMessageContaining("EDDY_CLUSTER_OBJECTSTORAGE_SECRETKEY");
        ClusterProperties.ObjectStorageSettings named = new ClusterProperties.ObjectStorageSettings(" https://s3.example ",
                "checkpoints", "AKIA-ID", "very-secret-value");
        ObjectStorage storage = named.external().orElseThrow();
        assertThat(storage.endpoint()).isEqualTo("https://s3.example");
        assertThat(storage.stateDir()).isEqualTo("s3://checkpoints");
        assertThat(storage.flinkSettings()).containsEntry("s3.secret-key", "very-secret-value")
                .containsEntry("s3.path.style.access", "true");
        assertThat(storage.toString() + named).doesNotContain("very-secret-value").doesNotContain("AKIA-ID");
    }
}
