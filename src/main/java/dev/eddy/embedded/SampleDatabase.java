package dev.eddy.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The sample PostgreSQL database a newcomer can query: customers and products, made once. */
final class SampleDatabase {
    static final String NAME = "sample";
    static final int CUSTOMERS = 200;
    static final List<String[]> PRODUCTS = List.of(
            new String[] {"Espresso beans 1 kg", "coffee", "24.90"},
            new String[] {"Filter coffee 500 g", "coffee", "11.50"},
            new String[] {"Decaf beans 500 g", "coffee", "12.90"},
            new String[] {"Green tea 100 g", "tea", "7.20"},
            new String[] {"Earl grey 100 g", "tea", "6.80"},
            new String[] {"Chai mix 250 g", "tea", "9.40"},
            new String[] {"Ceramic mug", "kitchen", "14.00"},
            new String[] {"Glass teapot", "kitchen", "32.00"},
            new String[] {"Burr grinder", "equipment", "129.00"},
            new String[] {"Pour-over kettle", "equipment", "59.00"},
            new String[] {"Milk frother", "equipment", "39.90"},
            new String[] {"Dark chocolate 100 g", "snacks", "3.90"},
            new String[] {"Almond biscotti", "snacks", "5.50"},
            new String[] {"Oat milk 1 l", "dairy-free", "2.80"},
            new String[] {"Gift card 25", "gift", "25.00"});
    private static final String[] FIRST = {"Ada", "Linus", "Grace", "Alan", "Barbara", "Ken", "Margaret", "Dennis",
        "Frances", "Edsger", "Radia", "Tim", "Hedy", "Donald", "Karen", "Niklaus"};
    private static final String[] LAST = {"Lovelace", "Torvalds", "Hopper", "Turing", "Liskov", "Thompson",
        "Hamilton", "Ritchie", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "Knuth", "Jones", "Wirth"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "ES", "IT", "SE", "PL", "PT", "GB", "US"};

    private SampleDatabase() {}

    static void ensure(String jdbcUrl, String user, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS customers (
                            id         INT PRIMARY KEY,
                            name       TEXT NOT NULL,
                            email      TEXT NOT NULL UNIQUE,
                            country    CHAR(2) NOT NULL,
                            created_at TIMESTAMPTZ NOT NULL DEFAULT now())""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS products (
                            id       INT PRIMARY KEY,
                            name     TEXT NOT NULL,
                            category TEXT NOT NULL,
                            price    NUMERIC(10, 2) NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS order_totals (
                            customer_id INT PRIMARY KEY,
                            orders      BIGINT NOT NULL,
                            revenue     NUMERIC(12, 2) NOT NULL)""");
            }
            if (isEmpty(c, "customers")) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO customers (id, name, email, country, created_at) "
                                + "VALUES (?, ?, ?, ?, now() - (? * interval '1 day'))")) {
                    for (int id = 1; id <= CUSTOMERS; id++) {
                        String first = FIRST[id % FIRST.length];
                        String last = LAST[(id * 7) % LAST.length];
                        insert.setInt(1, id);
                        insert.setString(2, first + " " + last);
                        insert.setString(3, (first + "." + last).toLowerCase() + id + "@example.com");
                        insert.setString(4, COUNTRIES[(id * 3) % COUNTRIES.length]);
                        insert.setInt(5, (id * 37) % 720);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (isEmpty(c, "products")) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO products (id, name, category, price) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < PRODUCTS.size(); i++) {
                        String[] p = PRODUCTS.get(i);
                        insert.setInt(1, i + 1);
                        insert.setString(2, p[0]);
                        insert.setString(3, p[1]);
                        insert.setBigDecimal(4, new java.math.BigDecimal(p[2]));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the sample database: " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }
}
