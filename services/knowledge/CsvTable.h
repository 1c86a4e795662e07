#pragma once

#include "core/Result.h"

#include <QList>
#include <QStringList>

namespace shopdesk {

// A CSV file's rows, read with libcsv (strict quoting, UTF-8). Errors name the row.
class CsvTable
{
public:
    static Result<QList<QStringList>> parse(const QByteArray &bytes);
    // Rows as CSV (fields quoted by libcsv where needed), UTF-8, one line per row.
    static QByteArray write(const QList<QStringList> &rows);
};

} // namespace shopdesk
