#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace shopdesk {

// The readable text of a web page, with its headings kept as Markdown headings so the chunker
// carries them into passages. Parsed with libxml2's forgiving HTML parser; scripts, styles,
// navigation and forms are left out.
class HtmlText
{
public:
    struct Page
    {
        QString title;
        QString markdown;
    };
    static Result<Page> extract(const QByteArray &html);
};

} // namespace shopdesk
