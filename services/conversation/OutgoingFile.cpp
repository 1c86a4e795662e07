#include "conversation/OutgoingFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QUuid>

namespace shopdesk {

QString OutgoingFile::mediaTypeFor(const QString &mime)
{
    static const QStringList images{QStringLiteral("image/jpeg"), QStringLiteral("image/png")};
    static const QStringList audio{QStringLiteral("audio/aac"),  QStringLiteral("audio/amr"),
                                   QStringLiteral("audio/mpeg"), QStringLiteral("audio/mp4"),
                                   QStringLiteral("audio/ogg"),  QStringLiteral("audio/x-m4a")};
    static const QStringList video{QStringLiteral("video/mp4"), QStringLiteral("video/3gpp")};
    if (images.contains(mime))
        return QStringLiteral("image");
    if (audio.contains(mime))
        return QStringLiteral("audio");
    if (video.contains(mime))
        return QStringLiteral("video");
    return QStringLiteral("document");
}

qint64 OutgoingFile::limitFor(const QString &mediaType)
{
    constexpr qint64 MB = 1024 * 1024;
    if (mediaType == QLatin1String("image"))
        return 5 * MB;
    if (mediaType == QLatin1String("audio") || mediaType == QLatin1String("video"))
        return 16 * MB;
    return 100 * MB;
}

Result<OutgoingFile> OutgoingFile::prepare(const QString &source, const QString &dataDir,
                                           qint64 tenantId, const QString &folder)
{
    using R = Result<OutgoingFile>;
    const QFileInfo info(source);
    if (source.isEmpty() || !info.exists() || !info.isFile())
        return R::failure(QStringLiteral("The file %1 does not exist any more.").arg(source));
    if (!info.isReadable())
        return R::failure(
            QStringLiteral("The file %1 cannot be read (no permission).").arg(info.fileName()));
    if (info.size() == 0)
        return R::failure(QStringLiteral("The file %1 is empty.").arg(info.fileName()));
    OutgoingFile out;
    out.mime = QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchContent).name();
    if (out.mime == QLatin1String("application/octet-stream"))
        out.mime = QMimeDatabase().mimeTypeForFile(info).name();
    out.mediaType = mediaTypeFor(out.mime);
    out.bytes = info.size();
    out.fileName = info.fileName();
    const qint64 limit = limitFor(out.mediaType);
    if (out.bytes > limit) {
        const QLocale locale;
        return R::failure(QStringLiteral("%1 is %2; WhatsApp accepts a %3 of at most %4.")
                              .arg(out.fileName, locale.formattedDataSize(out.bytes),
                                   out.mediaType == QLatin1String("image") ? QStringLiteral("photo")
                                                                           : out.mediaType,
                                   locale.formattedDataSize(limit)));
    }
    if (dataDir.isEmpty()) { // no data directory (a test engine): send the original
        out.path = info.absoluteFilePath();
        return out;
    }
    const QString dir =
        QDir(dataDir).filePath(QStringLiteral("media/%1/%2").arg(tenantId).arg(folder));
    if (!QDir().mkpath(dir))
        return R::failure(QStringLiteral("Cannot create the folder %1 for the file.").arg(dir));
    const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    out.path = QDir(dir).filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + suffix);
    out.ref = QDir(dataDir).relativeFilePath(out.path);
    if (!QFile::copy(info.absoluteFilePath(), out.path))
        return R::failure(
            QStringLiteral("Cannot copy %1 into %2 (is the disk full?).").arg(out.fileName, dir));
    return out;
}

} // namespace shopdesk
