package dev.eddy.job;

/** A redeploy would drop or misread saved state; it waits for the user's consent. */
public class StateMismatchException extends JobException {
    private final StateCheck.Verdict verdict;

    public StateMismatchException(StateCheck.Verdict verdict) {
        super(verdict.summary() + " Nothing was changed: the job runs as before. Redeploy again, allowing state to be "
                + "dropped, to go ahead.");
        this.verdict = verdict;
    }

    public StateCheck.Verdict verdict() {
        return verdict;
    }
}
