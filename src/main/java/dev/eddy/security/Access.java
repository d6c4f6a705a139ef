package dev.eddy.security;

/** The policy for service entry points: who may call what, refused in words. */
public final class Access {
    private Access() {}

    /** The acting user, if their role includes {@code needed}; otherwise a refusal that says why. */
    public static Actor require(Role needed, String action) {
        Actor actor = CurrentUser.get().orElseThrow(() -> new AccessRefusedException(
                "You are not signed in. Sign in to Eddy and try again."));
        if (!actor.may(needed)) {
            throw new AccessRefusedException(refusal(actor, needed, action));
        }
        return actor;
    }

    /** Whether the acting user's role includes {@code needed}: pages ask it to show only what will be allowed. */
    public static boolean allows(Role needed) {
        return CurrentUser.get().map(actor -> actor.may(needed)).orElse(false);
    }

    static String refusal(Actor actor, Role needed, String action) {
        String what = action == null || action.isBlank() ? "This" : action;
        return what + " needs the " + needed.label() + " role; " + actor.name() + " is a " + actor.role().label()
                + ". Ask an admin if you need it.";
    }
}
