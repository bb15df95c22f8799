package de.patientenversand.links;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs work on the vault's SQLite database in one transaction (adapter to the vault's helper). */
public interface Sql {

    <T> T inTransaction(Work<T> work) throws IOException;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }
}
