#include "storage/MediaStore.h"

#include "storage/SqlSupport.h"

#include <QLocale>

namespace shopdesk {

using namespace sql;

MediaStore::MediaStore(SqlBackend &db)
    : m_db(db)
{}

Status MediaStore::tooLarge(qint64 bytes)
{
    return Status::failure(
        QStringLiteral("The file is %1, more than the %2 that can be shared with the store's "
                       "other computers; it stays on this one.")
            .arg(QLocale().formattedDataSize(bytes), QLocale().formattedDataSize(kMaxBytes)),
        ErrorKind::Invalid);
}

Status MediaStore::put(qint64 tenantId, const QString &path, const QString &mime,
                       const QByteArray &bytes)
{
    if (bytes.size() > kMaxBytes)
        return tooLarge(bytes.size());
    const bool pg = m_db.dialect() == SqlBackend::Dialect::Postgres;
    return guard([&] {
        // PostgreSQL's parameters travel as text: the bytes go as base64 and become bytea there.
        m_db.exec(QStringLiteral("INSERT INTO media_blobs (tenant_id, path, mime, size, bytes, "
                                 "created_at) VALUES (?, ?, ?, ?, %1, ?) ON CONFLICT (tenant_id, "
                                 "path) DO UPDATE SET mime = excluded.mime, size = excluded.size, "
                                 "bytes = excluded.bytes")
                      .arg(pg ? QStringLiteral("decode(?, 'base64')") : QStringLiteral("?")),
                  {tenantId, path, mime, qint64(bytes.size()),
                   pg ? QVariant(QString::fromLatin1(bytes.toBase64())) : QVariant(bytes), now()});
        return Done{};
    });
}

Result<std::optional<QByteArray>> MediaStore::get(qint64 tenantId, const QString &path)
{
    const bool pg = m_db.dialect() == SqlBackend::Dialect::Postgres;
    return guard([&]() -> std::optional<QByteArray> {
        const SqlRows rows = m_db.query(
            QStringLiteral("SELECT %1 FROM media_blobs WHERE tenant_id = ? AND path = ?")
                .arg(pg ? QStringLiteral("encode(bytes, 'base64')") : QStringLiteral("bytes")),
            {tenantId, path});
        if (rows.isEmpty())
            return std::nullopt;
        const QVariant v = rows.first().at(0);
        return pg ? QByteArray::fromBase64(v.toString().toLatin1()) : v.toByteArray();
    });
}

} // namespace shopdesk
