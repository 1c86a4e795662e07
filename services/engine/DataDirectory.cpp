#include "engine/DataDirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace shopdesk {

QString DataDirectory::resolve(const QString &fromCommandLine)
{
    if (!fromCommandLine.isEmpty())
        return QFileInfo(fromCommandLine).absoluteFilePath();
    const QString fromEnvironment = qEnvironmentVariable("SHOPDESK_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QFileInfo(fromEnvironment).absoluteFilePath();
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("shopdesk"));
}

Status DataDirectory::ensure(const QString &path)
{
    if (!QDir().mkpath(path))
        return Status::failure(QStringLiteral("Cannot create the data folder %1.").arg(path));
    if (!QFileInfo(path).isWritable())
        return Status::failure(QStringLiteral("The data folder %1 is not writable.").arg(path));
    return success();
}

} // namespace shopdesk
