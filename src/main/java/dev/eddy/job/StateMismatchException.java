package dev.eddy.job;

/** A redeploy would drop or misread saved state; it waits for the user's consent. */
public class StateMismatchException extends JobException {
    private final StateCheck.Verdict verdict;

    public StateMismatchException(StateCheck.Verdict verdict) {
        super(verdict.summary() + " Nothing was changed. To go ahead, agree to drop that state: \"Redeploy, dropping "
                + "that state\" when editing, or Restart from… with \"Allow dropping state\".");
        this.verdict = verdict;
    }

    public StateCheck.Verdict verdict() {
        return verdict;
    }
}
