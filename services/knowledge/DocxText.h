#pragma once

#include "core/Result.h"

#include <QString>

namespace shopdesk {

// The text of a Word document (.docx), read from its archive with minizip and its XML with
// QXmlStreamReader. Headings (Title, Heading 1-3) become Markdown headings so the chunker
// carries them into passages; list items become "- " lines and table rows "cell | cell".
class DocxText
{
public:
    static Result<QString> extract(const QString &path);
};

} // namespace shopdesk
