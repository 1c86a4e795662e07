#include "storage/DatabaseUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace shopdesk {

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1String("sqlite:"))) {
        QString path = trimmed.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs/path
        if (path.isEmpty())
            return Result<DatabaseUrl>::failure(
                QStringLiteral("The SQLite database URL has no file path (use sqlite:PATH)."));
        return sqliteFile(path);
    }
    if (trimmed.startsWith(QLatin1String("postgresql://")) ||
        trimmed.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return Result<DatabaseUrl>::failure(
                QStringLiteral("The PostgreSQL URL \"%1\" is not valid (expected "
                               "postgresql://user:password@host:port/database).")
                    .arg(url.toString(QUrl::RemovePassword)));
        DatabaseUrl result;
        result.m_kind = Kind::Postgres;
        result.m_text = trimmed;
        return result;
    }
    return Result<DatabaseUrl>::failure(
        QStringLiteral("Unknown database \"%1\": use sqlite:PATH or postgresql://host/database.")
            .arg(trimmed.section(QLatin1Char(':'), 0, 0)));
}

DatabaseUrl DatabaseUrl::sqliteFile(const QString &path)
{
    DatabaseUrl result;
    result.m_kind = Kind::Sqlite;
    result.m_path = QFileInfo(path).absoluteFilePath();
    result.m_text = QStringLiteral("sqlite:") + result.m_path;
    return result;
}

DatabaseUrl DatabaseUrl::defaultFor(const QString &dataDir)
{
    return sqliteFile(QDir(dataDir).filePath(QStringLiteral("shopdesk.sqlite3")));
}

QString DatabaseUrl::redacted() const
{
    if (m_kind == Kind::Sqlite)
        return m_text;
    QUrl url(m_text);
    if (!url.password().isEmpty())
        url.setPassword(QStringLiteral("***"));
    return url.toString();
}

} // namespace shopdesk
