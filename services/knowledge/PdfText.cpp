#include "knowledge/PdfText.h"

#include <QStringList>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>

namespace shopdesk {

namespace {

void quietPoppler(const std::string &, void *)
{
    // poppler reports recoverable damage on stderr; the outcome says what matters.
}

} // namespace

Result<QString> PdfText::extract(const QByteArray &pdf, const Progress &progress)
{
    using R = Result<QString>;
    poppler::set_debug_error_function(quietPoppler, nullptr);
    if (!pdf.startsWith("%PDF-"))
        return R::failure(QStringLiteral("The file is not a PDF (it may be named .pdf but saved "
                                         "in another format)."));
    // poppler reads from the buffer in place; it must outlive the document.
    QByteArray data = pdf;
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(data.data(), int(data.size())));
    if (!doc)
        return R::failure(QStringLiteral("The PDF is damaged and cannot be read. Open it and "
                                         "save or print it as a new PDF, then import that."));
    if (doc->is_locked())
        return R::failure(QStringLiteral("The PDF is protected with a password. Save a copy "
                                         "without the password and import that."));
    const int pages = doc->pages();
    QStringList texts;
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (page) {
            const poppler::byte_array utf8 = page->text().to_utf8();
            const QString text =
                QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).replace(QChar(0x0c), u' ');
            if (!text.trimmed().isEmpty())
                texts << text.trimmed();
        }
        if (progress && !progress(i + 1, pages))
            return R::failure(QStringLiteral("Cancelled."));
    }
    if (texts.isEmpty())
        return R::failure(QStringLiteral("The PDF has no text to read (is it a scan or a photo "
                                         "of a page?). Import a PDF with selectable text, or "
                                         "type the text into a .txt file."));
    return texts.join(QStringLiteral("\n\n"));
}

} // namespace shopdesk
