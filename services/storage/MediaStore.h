#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace shopdesk {

class SqlBackend;

// Files kept in the database for shared mode, by their path inside a data folder
// ("media/3/41.jpg"), so a node or console on another computer can open or send them.
class MediaStore
{
public:
    // Larger files stay only on the computer that has them (WhatsApp's own limit for media is
    // 16 MB; documents up to 100 MB are the exception).
    static constexpr qint64 kMaxBytes = 100 * 1024 * 1024;

    explicit MediaStore(SqlBackend &db);
    static Status tooLarge(qint64 bytes); // the failure for a file above kMaxBytes

    Status put(qint64 tenantId, const QString &path, const QString &mime, const QByteArray &bytes);
    Result<std::optional<QByteArray>> get(qint64 tenantId, const QString &path);

private:
    SqlBackend &m_db;
};

} // namespace shopdesk
