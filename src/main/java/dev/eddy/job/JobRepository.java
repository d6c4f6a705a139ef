package dev.eddy.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.store.StoreText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Jobs, their versions, their runs on Flink and their savepoints, in Eddy's store. */
@Repository
class JobRepository {
    private static final String JOB_COLUMNS = "id, name, description, version, desired_state, flink_job_id, "
            + "running_version, state, failure, created_at, updated_at, owner";
    private static final String RUN_COLUMNS = "flink_job_id, job, version, restored_from, started_at, ended_at, "
            + "end_state, last_checkpoint, last_checkpoint_at";
    private static final String SAVEPOINT_COLUMNS = "id, job, flink_job_id, version, kind, path, size_bytes, reason, created_at";
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate tx;

    JobRepository(JdbcTemplate jdbc, ObjectMapper json, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
    }

    /** Creates the job with its first version, stopped until its first run is submitted. */
    Job create(String name, String description, JobVersion first, String owner) {
        return tx.execute(status -> {
            Long id = jdbc.queryForObject("INSERT INTO job (name, description, version, desired_state, owner) "
                    + "VALUES (?, ?, 1, 'STOPPED', ?) RETURNING id", Long.class, name, StoreText.of(description), owner);
            insertVersion(id, 1, first);
            return find(id).orElseThrow();
        });
    }

    /** Adds the next version and makes it the job's current one. */
    JobVersion addVersion(long job, String description, JobVersion next) {
        return tx.execute(status -> {
            int version = jdbc.queryForObject("SELECT version + 1 FROM job WHERE id = ? FOR UPDATE", Integer.class, job);
            insertVersion(job, version, next);
            jdbc.update("UPDATE job SET version = ?, description = ?, updated_at = now() WHERE id = ?", version,
                    StoreText.of(description), job);
            return version(job, version).orElseThrow();
        });
    }

    private static final String VERSION_COLUMNS = "job, version, statement, settings, plan, reads, writes, "
            + "table_versions, library_versions, created_at";

    private void insertVersion(long job, int version, JobVersion v) {
        jdbc.update("INSERT INTO job_version (job, version, statement, settings, plan, reads, writes, table_versions, "
                + "library_versions) VALUES (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)", job, version,
                StoreText.of(v.statement()), write(v.settings().options()), v.plan(), write(v.reads()), write(v.writes()),
                write(v.tableVersions()), write(v.libraryVersions()));
    }

    Optional<Job> find(long id) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM job WHERE id = ?", this::job, id).stream().findFirst();
    }

    Optional<Job> findByName(String name) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM job WHERE lower(name) = lower(?)", this::job, name)
                .stream().findFirst();
    }

    List<Job> all() {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM job ORDER BY name", this::job);
    }

    Optional<JobVersion> version(long job, int version) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM job_version "
                + "WHERE job = ? AND version = ?", this::version, job, version).stream().findFirst();
    }

    List<JobVersion> versions(long job) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM job_version "
                + "WHERE job = ? ORDER BY version", this::version, job);
    }

    /**
     * Claims a lost run for bringing back: true only for the one Eddy (of several on this store)
     * whose claim lands while the run is still the job's. A claim left by an Eddy that died while
     * restarting the job lapses after two minutes.
     */
    boolean claimLost(long job, String flinkJobId) {
        return jdbc.update("UPDATE job SET state = 'RESTORING', updated_at = now() WHERE id = ? AND flink_job_id = ? "
                + "AND (state <> 'RESTORING' OR updated_at < now() - interval '2 minutes')", job, flinkJobId) == 1;
    }

    void setDesired(long job, Job.DesiredState desired) {
        jdbc.update("UPDATE job SET desired_state = ?, updated_at = now() WHERE id = ?", desired.name(), job);
    }

    void setState(long job, String state, String failure) {
        jdbc.update("UPDATE job SET state = ?, failure = ?, updated_at = now() WHERE id = ?", state,
                StoreText.of(failure), job);
    }

    /** Records a new run of the job on Flink: it is now the job's run to watch. */
    void started(long job, String flinkJobId, int version, String restoredFrom) {
        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO job_run (flink_job_id, job, version, restored_from) VALUES (?, ?, ?, ?)",
                    flinkJobId, job, version, restoredFrom);
            jdbc.update("UPDATE job SET flink_job_id = ?, running_version = ?, desired_state = 'RUNNING', "
                    + "state = 'INITIALIZING', failure = NULL, updated_at = now() WHERE id = ?", flinkJobId, version, job);
        });
    }

    void ended(String flinkJobId, String endState) {
        jdbc.update("UPDATE job_run SET ended_at = coalesce(ended_at, now()), end_state = ? WHERE flink_job_id = ?",
                endState, flinkJobId);
    }

    void checkpointed(String flinkJobId, String path, Instant at) {
        jdbc.update("UPDATE job_run SET last_checkpoint = ?, last_checkpoint_at = ? WHERE flink_job_id = ? "
                + "AND (last_checkpoint_at IS NULL OR last_checkpoint_at <= ?)", path, Timestamp.from(at), flinkJobId,
                Timestamp.from(at));
    }

    List<JobRun> runs(long job) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM job_run WHERE job = ? ORDER BY started_at DESC", this::jobRun, job);
    }

    Optional<JobRun> run(String flinkJobId) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM job_run WHERE flink_job_id = ?", this::jobRun, flinkJobId)
                .stream().findFirst();
    }

    /** Of these Flink jobs, the ones that are runs of Eddy's jobs: one query, however many there are. */
    java.util.Set<String> managedAmong(java.util.Collection<String> flinkJobIds) {
        if (flinkJobIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.query(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement("SELECT flink_job_id FROM job_run WHERE flink_job_id = ANY (?)");
            ps.setArray(1, con.createArrayOf("text", flinkJobIds.toArray()));
            return ps;
        }, (rs, i) -> rs.getString(1)));
    }

    boolean isManaged(String flinkJobId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM job_run WHERE flink_job_id = ?)",
                Boolean.class, flinkJobId));
    }

    /**
     * A stop with savepoint, recorded whole: the job should no longer run, its run ended, and the
     * savepoint to restart from. Separate writes could leave a stopped job whose savepoint is lost.
     */
    void stoppedWithSavepoint(long job, String flinkJobId, int version, String path, Long size, String reason) {
        tx.executeWithoutResult(status -> {
            setDesired(job, Job.DesiredState.STOPPED);
            ended(flinkJobId, "FINISHED");
            setState(job, "FINISHED", null);
            addSavepoint(job, flinkJobId, version, Savepoint.Kind.SAVEPOINT, path, size, reason);
        });
    }

    void addSavepoint(long job, String flinkJobId, int version, Savepoint.Kind kind, String path, Long size, String reason) {
        jdbc.update("INSERT INTO job_savepoint (job, flink_job_id, version, kind, path, size_bytes, reason) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job, path) DO NOTHING", job, flinkJobId, version, kind.name(),
                path, size, reason);
    }

    /** Savepoints and recorded checkpoints of a job, newest first. */
    List<Savepoint> savepoints(long job) {
        return jdbc.query("SELECT " + SAVEPOINT_COLUMNS + " FROM job_savepoint WHERE job = ? ORDER BY created_at DESC, id DESC",
                this::savepoint, job);
    }

    void deleteSavepoint(long id) {
        jdbc.update("DELETE FROM job_savepoint WHERE id = ?", id);
    }

    void delete(long job) {
        jdbc.update("DELETE FROM job WHERE id = ?", job);
    }

    private Job job(ResultSet rs, int i) throws SQLException {
        int running = rs.getInt("running_version");
        return new Job(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getInt("version"),
                Job.DesiredState.valueOf(rs.getString("desired_state")), rs.getString("flink_job_id"),
                rs.wasNull() ? null : running, rs.getString("state"), rs.getString("failure"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("owner"));
    }

    private JobVersion version(ResultSet rs, int i) throws SQLException {
        return new JobVersion(rs.getLong("job"), rs.getInt("version"), rs.getString("statement"),
                new JobSettings(read(rs.getString("settings"), new TypeReference<Map<String, String>>() {})),
                rs.getString("plan"), read(rs.getString("reads"), new TypeReference<List<String>>() {}),
                read(rs.getString("writes"), new TypeReference<List<String>>() {}),
                read(rs.getString("table_versions"), new TypeReference<Map<String, Integer>>() {}),
                read(rs.getString("library_versions"), new TypeReference<Map<String, Integer>>() {}),
                instant(rs, "created_at"));
    }

    private JobRun jobRun(ResultSet rs, int i) throws SQLException {
        return new JobRun(rs.getString("flink_job_id"), rs.getLong("job"), rs.getInt("version"),
                rs.getString("restored_from"), instant(rs, "started_at"), instant(rs, "ended_at"),
                rs.getString("end_state"), rs.getString("last_checkpoint"), instant(rs, "last_checkpoint_at"));
    }

    private Savepoint savepoint(ResultSet rs, int i) throws SQLException {
        long size = rs.getLong("size_bytes");
        return new Savepoint(rs.getLong("id"), rs.getLong("job"), rs.getString("flink_job_id"), rs.getInt("version"),
                Savepoint.Kind.valueOf(rs.getString("kind")), rs.getString("path"), rs.wasNull() ? null : size,
                rs.getString("reason"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write job data as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read job data from the store: " + e.getMessage(), e);
        }
    }
}
