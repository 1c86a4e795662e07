#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace shopdesk {

// The text of a PDF, page by page, read with poppler (its C++ binding, which keeps QtGui out of
// the engine). A password-protected file, a damaged one and a scan with no text layer each get
// their own reason. progress(done, total) is called after each page; returning false stops.
class PdfText
{
public:
    using Progress = std::function<bool(int done, int total)>;
    static Result<QString> extract(const QByteArray &pdf, const Progress &progress = {});
};

} // namespace shopdesk
