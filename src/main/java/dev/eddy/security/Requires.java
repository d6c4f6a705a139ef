package dev.eddy.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a service entry point needs: checked by {@link RoleCheck} before the method runs, for
 * every caller (views, the REST API, tests), so hiding a button is never the only guard.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {
    Role value();

    /** What the call does, in words for a refusal: "Running statements". */
    String action() default "";

    /** Whether a call with an action is written to the audit log (reads that happen on every page view are not). */
    boolean audited() default true;
}
