#include "engine/DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QSysInfo>
#include <QUuid>

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

QString DataDirectory::nodeId(const QString &path)
{
    QFile file(QDir(path).filePath(QStringLiteral("node-id")));
    if (file.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromUtf8(file.readAll()).trimmed();
        if (!id.isEmpty())
            return id;
        file.close();
    }
    const QString id = QSysInfo::machineHostName() + QLatin1Char('-') +
                       QUuid::createUuid().toString(QUuid::Id128).left(12);
    QDir().mkpath(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(id.toUtf8());
    return id;
}

} // namespace shopdesk
