#include "privacy/ZipWriter.h"

#include <QDateTime>
#include <QFile>

#include <minizip/zip.h>

namespace shopdesk {

ZipWriter::ZipWriter(QString path)
    : m_path(std::move(path))
    , m_partial(m_path + QStringLiteral(".partial"))
{}

ZipWriter::~ZipWriter()
{
    if (m_zip) {
        zipClose(static_cast<zipFile>(m_zip), nullptr);
        QFile::remove(m_partial);
    }
}

Status ZipWriter::open()
{
    m_zip = zipOpen64(QFile::encodeName(m_partial).constData(), APPEND_STATUS_CREATE);
    if (!m_zip)
        return Status::failure(
            QStringLiteral("The file %1 cannot be written (is the folder there, and yours?).")
                .arg(m_path));
    return success();
}

Status ZipWriter::add(const QString &name, const QByteArray &bytes)
{
    auto *zip = static_cast<zipFile>(m_zip);
    zip_fileinfo info{};
    const QDateTime now = QDateTime::currentDateTime();
    info.tmz_date.tm_year = uInt(now.date().year());
    info.tmz_date.tm_mon = uInt(now.date().month() - 1);
    info.tmz_date.tm_mday = uInt(now.date().day());
    info.tmz_date.tm_hour = uInt(now.time().hour());
    info.tmz_date.tm_min = uInt(now.time().minute());
    info.tmz_date.tm_sec = uInt(now.time().second());
    const QByteArray entry = name.toUtf8();
    if (!zip ||
        zipOpenNewFileInZip64(zip, entry.constData(), &info, nullptr, 0, nullptr, 0, nullptr,
                              Z_DEFLATED, Z_DEFAULT_COMPRESSION,
                              bytes.size() > 0xffffffffLL) != ZIP_OK ||
        zipWriteInFileInZip(zip, bytes.constData(), unsigned(bytes.size())) != ZIP_OK ||
        zipCloseFileInZip(zip) != ZIP_OK)
        return Status::failure(
            QStringLiteral("Writing %1 into %2 failed (is the disk full?).").arg(name, m_path));
    return success();
}

Status ZipWriter::finish()
{
    auto *zip = static_cast<zipFile>(m_zip);
    m_zip = nullptr;
    if (!zip || zipClose(zip, nullptr) != ZIP_OK) {
        QFile::remove(m_partial);
        return Status::failure(QStringLiteral("The file %1 could not be finished.").arg(m_path));
    }
    QFile::remove(m_path);
    if (!QFile::rename(m_partial, m_path)) {
        QFile::remove(m_partial);
        return Status::failure(
            QStringLiteral("The file %1 could not be put in place.").arg(m_path));
    }
    return success();
}

} // namespace shopdesk
