#include "storage/PostgresBackend.h"

#include "core/Logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

#include <pqxx/pqxx>

#include <charconv>

#include <vector>

namespace shopdesk {
namespace {

QString describeFailure(const std::exception &e)
{
    return QString::fromUtf8(e.what()).simplified();
}

// Parameters travel as text; a null QVariant is SQL NULL.
struct TextParams
{
    explicit TextParams(const SqlParams &params)
    {
        values.reserve(params.size());
        for (const QVariant &p : params) {
            if (!p.isValid()) {
                values.emplace_back();
                nulls.push_back(true);
                continue;
            }
            nulls.push_back(false);
            switch (p.typeId()) {
            case QMetaType::Bool:
                values.emplace_back(p.toBool() ? "1" : "0");
                break;
            case QMetaType::Double:
                values.emplace_back(QString::number(p.toDouble(), 'g', 17).toStdString());
                break;
            case QMetaType::QByteArray:
                values.emplace_back(p.toByteArray().toStdString());
                break;
            default:
                values.emplace_back(p.toString().toStdString());
            }
        }
        for (std::size_t i = 0; i < values.size(); ++i)
            pointers.push_back(nulls[i] ? nullptr : values[i].c_str());
    }
    std::vector<std::string> values;
    std::vector<bool> nulls;
    std::vector<const char *> pointers;
};

SqlRows toRows(const pqxx::result &result)
{
    SqlRows rows;
    rows.reserve(int(result.size()));
    for (const auto &r : result) {
        SqlRow row;
        row.reserve(int(r.size()));
        for (const auto &field : r)
            row.append(field.is_null() ? QVariant() : QVariant(QString::fromUtf8(field.c_str())));
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace

struct PostgresBackend::Session
{
    explicit Session(const std::string &options)
        : connection(options)
    {}
    pqxx::connection connection;
    std::unique_ptr<pqxx::dbtransaction> transaction;
};

PostgresBackend::PostgresBackend(const QString &connectionString)
{
    const QUrl url(connectionString);
    m_where = QStringLiteral("%1:%2/%3").arg(url.host()).arg(url.port(5432)).arg(url.path().mid(1));
    m_tag = QUuid::createUuid().toString(QUuid::Id128).left(12);
    try {
        m_session = std::make_unique<Session>(connectionString.toStdString());
    } catch (const std::exception &e) {
        throw SqlError(QStringLiteral("Cannot connect to the PostgreSQL server at %1: %2")
                           .arg(m_where, describeFailure(e)),
                       ErrorKind::ConnectionLost);
    }
}

PostgresBackend::~PostgresBackend()
{
    m_session.reset();
}

bool PostgresBackend::inTransaction() const
{
    return m_session->transaction != nullptr;
}

QString PostgresBackend::describe() const
{
    return QStringLiteral("PostgreSQL database %1").arg(m_where);
}

QString PostgresBackend::numberPlaceholders(const QString &sql)
{
    QString out;
    out.reserve(sql.size() + 16);
    int n = 0;
    bool inString = false;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            inString = !inString;
        if (c == QLatin1Char('?') && !inString)
            out += QLatin1Char('$') + QString::number(++n);
        else
            out += c;
    }
    return out;
}

std::string PostgresBackend::statementFor(const QString &sql)
{
    auto it = m_statements.constFind(sql);
    if (it != m_statements.constEnd())
        return *it;
    const std::string name = "s" + std::to_string(m_statements.size() + 1);
    m_session->connection.prepare(name, numberPlaceholders(sql).toStdString());
    m_statements.insert(sql, name);
    return name;
}

template<typename Use>
auto PostgresBackend::run(const QString &sql, const SqlParams &params, Use use)
{
    try {
        if (params.isEmpty()) {
            // Schema changes and fixed statements: the simple protocol, nothing to prepare.
            if (m_session->transaction)
                return use(m_session->transaction->exec(sql.toStdString()));
            pqxx::nontransaction autocommit(m_session->connection);
            return use(autocommit.exec(sql.toStdString()));
        }
        const std::string name = statementFor(sql);
        const TextParams text(params);
        auto dynamic = pqxx::prepare::make_dynamic_params(text.pointers);
        if (m_session->transaction)
            return use(m_session->transaction->exec_prepared(name, dynamic));
        pqxx::nontransaction autocommit(m_session->connection);
        return use(autocommit.exec_prepared(name, dynamic));
    } catch (const pqxx::broken_connection &e) {
        noteFailedStatement();
        qCWarning(lcDb) << "PostgreSQL connection lost:" << describeFailure(e);
        throw SqlError(
            QStringLiteral("Lost the connection to the PostgreSQL server at %1.").arg(m_where),
            ErrorKind::ConnectionLost);
    } catch (const SqlError &) {
        noteFailedStatement();
        throw;
    } catch (const pqxx::unique_violation &e) {
        noteFailedStatement();
        throw SqlError(QStringLiteral("The PostgreSQL database %1 already has this: %2")
                           .arg(m_where, describeFailure(e)),
                       ErrorKind::Conflict);
    } catch (const pqxx::transaction_rollback &e) {
        noteFailedStatement(); // a deadlock with another node, or a serialization failure
        throw SqlError(QStringLiteral("The PostgreSQL database %1 was busy with another node's "
                                      "change at the same moment: %2")
                           .arg(m_where, describeFailure(e)),
                       ErrorKind::Conflict);
    } catch (const pqxx::data_exception &e) {
        noteFailedStatement();
        throw SqlError(QStringLiteral("The PostgreSQL database %1 refused a value: %2")
                           .arg(m_where, describeFailure(e)),
                       ErrorKind::Invalid);
    } catch (const std::exception &e) {
        noteFailedStatement();
        qCWarning(lcDb) << "PostgreSQL statement failed:" << describeFailure(e);
        throw SqlError(QStringLiteral("The PostgreSQL database %1 refused a change: %2")
                           .arg(m_where, describeFailure(e)));
    }
}

SqlRows PostgresBackend::query(const QString &sql, const SqlParams &params)
{
    return run(sql, params, [](const pqxx::result &r) { return toRows(r); });
}

void PostgresBackend::scanNumbers(const QString &sql, const SqlParams &params,
                                  const std::function<void(const SqlNumbers &)> &visit)
{
    // Each cell parsed from libpq's text where it lies, not copied into a QString first.
    class Row : public SqlNumbers
    {
    public:
        const pqxx::row *row = nullptr;
        bool isNull(int c) const override { return (*row)[c].is_null(); }
        qint64 at(int c) const override
        {
            const pqxx::field f = (*row)[c];
            if (f.is_null())
                return 0;
            qint64 value = 0;
            const char *text = f.c_str();
            std::from_chars(text, text + f.size(), value);
            return value;
        }
    };
    run(sql, params, [&](const pqxx::result &result) {
        Row view;
        for (const pqxx::row &r : result) {
            view.row = &r;
            visit(view);
        }
        return 0;
    });
}

void PostgresBackend::exec(const QString &sql, const SqlParams &params)
{
    query(sql, params);
}

void PostgresBackend::beginTransaction()
{
    try {
        m_session->transaction = std::make_unique<pqxx::work>(m_session->connection);
    } catch (const std::exception &e) {
        throw SqlError(
            QStringLiteral("Cannot start a transaction on %1: %2").arg(m_where, describeFailure(e)),
            ErrorKind::ConnectionLost);
    }
}

void PostgresBackend::commitTransaction()
{
    auto transaction = std::move(m_session->transaction);
    try {
        transaction->commit();
    } catch (const std::exception &e) {
        throw SqlError(QStringLiteral("The PostgreSQL database %1 did not save the change: %2")
                           .arg(m_where, describeFailure(e)));
    }
}

QByteArray PostgresBackend::changePayload(const QString &tag, const QStringList &keys)
{
    constexpr qsizetype kLimit = 7900;
    const auto encode = [&tag](const QStringList &k) {
        return QJsonDocument(QJsonObject{{QStringLiteral("n"), tag},
                                         {QStringLiteral("k"), QJsonArray::fromStringList(k)}})
            .toJson(QJsonDocument::Compact);
    };
    QByteArray payload = encode(keys);
    if (payload.size() <= kLimit)
        return payload;
    QStringList stores; // "x:<store>:…" -> "*:<store>": everything of that store changed
    for (const QString &key : keys) {
        const QString store = key.section(QLatin1Char(':'), 1, 1);
        const QString wildcard =
            store.isEmpty() ? QStringLiteral("*") : QStringLiteral("*:") + store;
        if (!stores.contains(wildcard))
            stores << wildcard;
    }
    payload = encode(stores);
    return payload.size() <= kLimit ? payload : encode({QStringLiteral("*")});
}

void PostgresBackend::publish(const QStringList &keys)
{
    exec(QStringLiteral("SELECT pg_notify(?, ?)"),
         {changeChannel(), QString::fromUtf8(changePayload(m_tag, keys))});
}

void PostgresBackend::rollbackTransaction()
{
    auto transaction = std::move(m_session->transaction);
    if (!transaction)
        return;
    try {
        transaction->abort();
    } catch (const std::exception &e) {
        qCWarning(lcDb) << "PostgreSQL rollback failed:" << describeFailure(e);
    }
}

void PostgresBackend::lockForMigration()
{
    // Several engine nodes may start together: one migrates, the others wait, then see it done.
    exec(QStringLiteral("SELECT pg_advisory_xact_lock(7405123)"), {});
}

} // namespace shopdesk
