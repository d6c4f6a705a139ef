package dev.eddy.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A second real KRaft broker for tests, as a secured production cluster looks: clients log in with
 * SASL/SCRAM-SHA-256 and see only the topics ACLs grant them, or speak TLS to a listener whose
 * self-signed certificate they must trust. An internal PLAINTEXT listener (a super user) is where
 * the test creates users, topics and ACLs.
 */
public final class SecuredKafkaBroker extends KafkaBroker {
    private static final String STORE_PASSWORD = "test-store-password";
    private final int saslPort;
    private final int sslPort;
    private final Path keyStore;
    private final String certificatePem;

    private SecuredKafkaBroker(Path dir, Ports.Claimed ports) throws IOException, InterruptedException {
        super(dir.resolve("log"), ports.get("internal"), ports.get("controller"));
        this.saslPort = ports.get("sasl");
        this.sslPort = ports.get("ssl");
        this.keyStore = dir.resolve("broker.p12");
        Files.createDirectories(dir);
        Files.deleteIfExists(keyStore);
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        this.certificatePem = keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    }

    public static SecuredKafkaBroker start(Path dir) throws IOException, InterruptedException {
        Ports.Claimed ports = new Ports.Claimed();
        for (String name : List.of("internal", "controller", "sasl", "ssl")) {
            ports.claim(name, 0, "test broker", "-");
        }
        SecuredKafkaBroker broker = new SecuredKafkaBroker(dir, ports);
        broker.start();
        return broker;
    }

    /** Where clients log in with SASL_PLAINTEXT and SCRAM-SHA-256. */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** Where clients speak TLS (no client certificate). */
    public String sslBootstrapServers() {
        return "127.0.0.1:" + sslPort;
    }

    /** The broker's self-signed certificate, PEM: what a user pastes as the CA to trust. */
    public String certificatePem() {
        return certificatePem;
    }

    private static String keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return out;
    }

    @Override
    Map<String, Object> config() {
        Map<String, Object> c = super.config();
        int controllerPort = Integer.parseInt(((String) c.get("controller.quorum.voters")).replaceAll(".*:", ""));
        String listeners = "PLAINTEXT://127.0.0.1:" + port() + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                + ",SSL://127.0.0.1:" + sslPort;
        c.put("listeners", listeners + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", listeners);
        c.put("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT");
        c.put("listener.name.ssl.ssl.keystore.location", keyStore.toString());
        c.put("listener.name.ssl.ssl.keystore.type", "PKCS12");
        c.put("listener.name.ssl.ssl.keystore.password", STORE_PASSWORD);
        c.put("listener.name.ssl.ssl.key.password", STORE_PASSWORD);
        c.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
        c.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        c.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The internal listener and the controller connect as ANONYMOUS: they run the cluster.
        c.put("super.users", "User:ANONYMOUS");
        c.put("allow.everyone.if.no.acl.found", "false");
        return c;
    }

    /** Creates a SCRAM-SHA-256 user. */
    public void createUser(String name, String password) throws Exception {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), password)))
                    .all().get(20, TimeUnit.SECONDS);
        }
    }

    /** Creates a topic and lets {@code reader} describe and read it. */
    public void createTopic(String topic, String reader) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
            ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            admin.createAcls(List.of(
                    new AclBinding(pattern, new AccessControlEntry("User:" + reader, "*", AclOperation.DESCRIBE,
                            AclPermissionType.ALLOW)),
                    new AclBinding(pattern, new AccessControlEntry("User:" + reader, "*", AclOperation.READ,
                            AclPermissionType.ALLOW)))).all().get(20, TimeUnit.SECONDS);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }
}
