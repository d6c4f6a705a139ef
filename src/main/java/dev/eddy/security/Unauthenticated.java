package dev.eddy.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A service entry point meant for callers who are not signed in yet (the first-run setup page). */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Unauthenticated {
    /** Why it is safe without a login. */
    String value();
}
