#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace shopdesk {

// A .zip file written entry by entry (minizip, deflate), to a temporary name first so a
// failed export never leaves half a file where the person asked for one.
class ZipWriter
{
public:
    explicit ZipWriter(QString path);
    ~ZipWriter();
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    Status open();
    Status add(const QString &name, const QByteArray &bytes);
    Status finish(); // closes and moves the file into place

private:
    QString m_path;
    QString m_partial;
    void *m_zip = nullptr;
};

} // namespace shopdesk
