#include "storage/SqliteBackend.h"

#include "core/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>

#include <sqlite3.h>

#include <thread>

namespace shopdesk {

namespace {

// While another connection (the engine's webhook connection, the CLI beside the console) holds
// the write lock: retry every 0.1 ms for the first 0.1 s, then every millisecond, up to 10 s.
// SQLite's own handler sleeps in steps of up to 100 ms, which an acknowledgement cannot afford.
int waitForTheLock(void *, int attempt)
{
    if (attempt >= 1000 + 9900)
        return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(attempt < 1000 ? 100 : 1000));
    return 1;
}

} // namespace

SqliteBackend::SqliteBackend(const QString &path)
    : m_path(path)
    , m_connectionName(QStringLiteral("shopdesk-") + QUuid::createUuid().toString(QUuid::Id128))
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        throw SqlError(QStringLiteral("Cannot create the folder %1 for the database.")
                           .arg(info.absolutePath()));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!m_db.open())
        throw SqlError(QStringLiteral("Cannot open the database file %1: %2")
                           .arg(path, m_db.lastError().text()));
    // A file that is not a database opens fine and fails on first use: check now.
    query(QStringLiteral("PRAGMA journal_mode=WAL"), {});
    exec(QStringLiteral("PRAGMA foreign_keys=ON"), {});
    exec(QStringLiteral("PRAGMA synchronous=NORMAL"), {});
    // What is deleted (an erased customer's messages) is overwritten where that costs no
    // extra writes, rather than left readable in free space.
    query(QStringLiteral("PRAGMA secure_delete=FAST"), {});
    // Another connection may hold the write lock for a moment.
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        if (sqlite3 *db = *static_cast<sqlite3 *const *>(handle.constData())) {
            sqlite3_busy_handler(db, &waitForTheLock, nullptr);
            m_raw = db;
        }
    } else {
        query(QStringLiteral("PRAGMA busy_timeout=10000"), {});
    }
}

SqliteBackend::~SqliteBackend()
{
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString SqliteBackend::describe() const
{
    return QStringLiteral("SQLite file %1").arg(m_path);
}

QSqlQuery &SqliteBackend::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto q = std::make_shared<QSqlQuery>(m_db);
        q->setForwardOnly(true);
        if (!q->prepare(sql))
            throw SqlError(QStringLiteral("The database file %1 cannot be used: %2")
                               .arg(m_path, q->lastError().databaseText()));
        it = m_statements.insert(sql, std::move(q));
    }
    return **it;
}

QSqlQuery &SqliteBackend::run(const QString &sql, const SqlParams &params)
{
    QSqlQuery &q = prepared(sql);
    for (int i = 0; i < params.size(); ++i) {
        const QVariant &p = params.at(i);
        // Only an invalid QVariant means SQL NULL; an empty text stays text.
        if (p.typeId() == QMetaType::QString && p.toString().isNull())
            q.bindValue(i, QString(QLatin1String("")));
        else
            q.bindValue(i, p);
    }
    if (!q.exec()) {
        const QString reason = q.lastError().databaseText();
        q.finish();
        fail(reason);
    }
    return q;
}

void SqliteBackend::fail(const QString &reason) const
{
    qCWarning(lcDb) << "SQLite statement failed:" << reason;
    const bool duplicate = reason.contains(QLatin1String("UNIQUE constraint failed"));
    throw SqlError(
        QStringLiteral("The database file %1 could not be updated: %2").arg(m_path, reason),
        duplicate ? ErrorKind::Conflict : ErrorKind::Failed);
}

void SqliteBackend::scanNumbers(const QString &sql, const SqlParams &params,
                                const std::function<void(const SqlNumbers &)> &visit)
{
    if (!m_raw) {
        SqlBackend::scanNumbers(sql, params, visit);
        return;
    }
    // SQLite's own statement on the same connection: each cell is read as the integer SQLite
    // holds, not copied into a QVariant.
    sqlite3_stmt *raw = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(m_raw, text.constData(), int(text.size()), &raw, nullptr) != SQLITE_OK)
        fail(QString::fromUtf8(sqlite3_errmsg(m_raw)));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> statement(raw, &sqlite3_finalize);
    for (int i = 0; i < params.size(); ++i) {
        const QVariant &p = params.at(i);
        const int at = i + 1;
        switch (p.typeId()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
        case QMetaType::Bool:
            sqlite3_bind_int64(raw, at, p.toLongLong());
            break;
        case QMetaType::Double:
            sqlite3_bind_double(raw, at, p.toDouble());
            break;
        default:
            if (p.isNull()) {
                sqlite3_bind_null(raw, at);
            } else {
                const QByteArray value = p.toString().toUtf8();
                sqlite3_bind_text(raw, at, value.constData(), int(value.size()), SQLITE_TRANSIENT);
            }
        }
    }
    class Row : public SqlNumbers
    {
    public:
        sqlite3_stmt *statement = nullptr;
        bool isNull(int c) const override
        {
            return sqlite3_column_type(statement, c) == SQLITE_NULL;
        }
        qint64 at(int c) const override { return sqlite3_column_int64(statement, c); }
    };
    Row row;
    row.statement = raw;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW)
        visit(row);
    if (step != SQLITE_DONE)
        fail(QString::fromUtf8(sqlite3_errmsg(m_raw)));
}

void SqliteBackend::exec(const QString &sql, const SqlParams &params)
{
    run(sql, params).finish();
}

SqlRows SqliteBackend::query(const QString &sql, const SqlParams &params)
{
    QSqlQuery &q = run(sql, params);
    SqlRows rows;
    const int columns = q.record().count();
    while (q.next()) {
        SqlRow row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(q.value(c));
        rows.append(std::move(row));
    }
    q.finish();
    return rows;
}

void SqliteBackend::beginTransaction()
{
    exec(QStringLiteral("BEGIN IMMEDIATE"), {});
    m_inTransaction = true;
}

void SqliteBackend::commitTransaction()
{
    m_inTransaction = false;
    exec(QStringLiteral("COMMIT"), {});
}

void SqliteBackend::rollbackTransaction()
{
    m_inTransaction = false;
    for (auto &statement : m_statements)
        statement->finish();
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace shopdesk
