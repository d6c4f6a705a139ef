package dev.eddy.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.eddy.config.Endpoints;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Eddy's own store: a PostgreSQL database whose schema Flyway migrations own. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(Endpoints endpoints) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("eddy-store");
        ds.setJdbcUrl(endpoints.storeUrl());
        ds.setUsername(endpoints.storeUser());
        ds.setPassword(endpoints.storePassword().value());
        // Two connections stay with the leadership and the job locks.
        ds.setMaximumPoolSize(10);
        // Fail fast with a readable message instead of waiting 30 s on a wrong address or a store that
        // went away (the console and the API then say so within 5 s).
        ds.setConnectionTimeout(5_000);
        ds.setInitializationFailTimeout(10_000);
        return ds;
    }

    /** This Eddy's claim to run the singletons, when several share the store. */
    @Bean(destroyMethod = "close")
    Leadership leadership(DataSource store) {
        return new Leadership(store, "Eddy " + java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
    }

    /** One action at a time on a job, across every Eddy on the store: the keys are job ids. */
    @Bean(destroyMethod = "close")
    StoreLocks jobLocks(DataSource store) {
        return new StoreLocks(store, 0x6A6F62); // "job" in ASCII
    }
}
