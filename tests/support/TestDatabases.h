#pragma once

#include "storage/DatabaseUrl.h"

#include <QString>
#include <QTemporaryDir>

namespace shopdesk::test {

// Fresh, empty databases for tests: a new SQLite file in a temporary folder, or a new database
// on the throwaway PostgreSQL server the test harness started (its URL is in the file named by
// $SHOPDESK_PG_URL_FILE, or in $SHOPDESK_TEST_PG_URL).
class TestDatabases
{
public:
    // "sqlite" or "postgresql", from $SHOPDESK_TEST_BACKEND (default sqlite).
    static QString backend();
    static bool postgresWanted() { return backend() == QLatin1String("postgresql"); }
    // The admin URL of the test server; empty with a reason when there is none.
    static QString postgresServerUrl(QString *why = nullptr);

    explicit TestDatabases(const QString &backend = TestDatabases::backend());
    // A new empty database; fails the calling test (QVERIFY-style) with the reason otherwise.
    DatabaseUrl fresh();
    QString lastError() const { return m_error; }
    const QTemporaryDir &dir() const { return m_dir; }

private:
    QString m_backend;
    QTemporaryDir m_dir;
    QString m_error;
    int m_counter = 0;
};

} // namespace shopdesk::test
