#include "messaging/MediaFiles.h"

#include "storage/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace shopdesk {

Result<QString> MediaFiles::localFile(Store &store, const QString &dataDir, qint64 tenantId,
                                      const QString &ref)
{
    using R = Result<QString>;
    if (ref.isEmpty())
        return R::failure(QStringLiteral("This message has no file."), ErrorKind::NotFound);
    // A store's files are under media/<store>/ (an absolute path is an older message's).
    if (!QDir::isAbsolutePath(ref) &&
        !QDir::cleanPath(ref).startsWith(QStringLiteral("media/%1/").arg(tenantId)))
        return R::failure(QStringLiteral("This file belongs to another store."),
                          ErrorKind::NotFound);
    const QString base =
        dataDir.isEmpty() ? QDir::temp().filePath(QStringLiteral("shopdesk-media")) : dataDir;
    const QString path = QDir::isAbsolutePath(ref) ? ref : QDir(base).filePath(ref);
    if (QFileInfo::exists(path))
        return path;
    if (QDir::isAbsolutePath(ref) || !store.isPostgres())
        return R::failure(QStringLiteral("The file %1 is not on this computer any more.").arg(path),
                          ErrorKind::NotFound);
    auto kept = store.media().get(tenantId, ref);
    if (!kept)
        return R::failure(kept);
    if (!kept->has_value())
        return R::failure(QStringLiteral("The file is on another of the store's computers and was "
                                         "not shared (it may be too large)."),
                          ErrorKind::NotFound);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const QByteArray &bytes = *kept.value();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return R::failure(
            QStringLiteral("Cannot save the file in %1: %2").arg(base, file.errorString()));
    return path;
}

Status MediaFiles::share(Store &store, qint64 tenantId, const QString &ref, const QString &path,
                         const QString &mime)
{
    if (!store.isPostgres() || ref.isEmpty() || QDir::isAbsolutePath(ref))
        return success();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(
            QStringLiteral("Cannot read the file %1: %2").arg(path, file.errorString()));
    if (file.size() > MediaStore::kMaxBytes)
        return MediaStore::tooLarge(file.size());
    return store.media().put(tenantId, ref, mime, file.readAll());
}

} // namespace shopdesk
