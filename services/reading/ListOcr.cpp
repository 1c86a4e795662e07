#include "reading/ListOcr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <memory>

namespace shopdesk {

namespace {

const char *kLanguages = "eng+hin";

struct PixFree
{
    void operator()(Pix *p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

tesseract::TessBaseAPI *tesseractForThisThread()
{
    thread_local std::unique_ptr<tesseract::TessBaseAPI> api = [] {
        setMsgSeverity(L_SEVERITY_NONE); // Leptonica's complaints are not for the store's log
        auto t = std::make_unique<tesseract::TessBaseAPI>();
        if (t->Init(nullptr, kLanguages, tesseract::OEM_LSTM_ONLY) != 0)
            return std::unique_ptr<tesseract::TessBaseAPI>();
        t->SetPageSegMode(tesseract::PSM_AUTO);
        t->SetVariable("debug_file", "/dev/null");
        return t;
    }();
    return api.get();
}

// Grey, at least ~1,600 px wide (Tesseract reads letters of 20-30 px best), straightened, and
// with speckle taken out by a median filter.
PixPtr prepare(Pix *decoded, double *deskewDegrees)
{
    PixPtr grey(pixConvertTo8(decoded, 0));
    if (!grey)
        return {};
    const l_int32 width = pixGetWidth(grey.get());
    if (width > 0 && width < 1600) {
        const float factor = std::min(4.0f, 1600.0f / float(width));
        grey.reset(pixScaleGrayLI(grey.get(), factor, factor));
    }
    l_float32 angle = 0;
    l_float32 confidence = 0;
    PixPtr binary(pixConvertTo1(grey.get(), 160));
    if (binary && pixFindSkew(binary.get(), &angle, &confidence) == 0 && confidence > 2.5 &&
        std::abs(angle) > 0.2f) {
        *deskewDegrees = angle;
        PixPtr straight(pixRotate(grey.get(), angle * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP,
                                  L_BRING_IN_WHITE, 0, 0));
        if (straight)
            grey = std::move(straight);
    }
    PixPtr clean(pixMedianFilter(grey.get(), 3, 3));
    return clean ? std::move(clean) : std::move(grey);
}

} // namespace

QString ListOcr::Text::joined() const
{
    QStringList out;
    for (const Line &l : lines)
        out << l.text;
    return out.join(QLatin1Char('\n'));
}

Result<ListOcr::Text> ListOcr::read(const QByteArray &image)
{
    using R = Result<Text>;
    tesseract::TessBaseAPI *api = tesseractForThisThread();
    if (!api)
        return R::failure(QStringLiteral("the photo reader (Tesseract with English and Hindi) is "
                                         "not installed on this computer"));
    PixPtr decoded(
        pixReadMem(reinterpret_cast<const l_uint8 *>(image.constData()), size_t(image.size())));
    if (!decoded)
        return R::failure(QStringLiteral("the photo could not be opened (not a JPEG, PNG or "
                                         "WebP picture)"));
    Text out;
    PixPtr ready = prepare(decoded.get(), &out.deskewDegrees);
    if (!ready)
        return R::failure(QStringLiteral("the photo could not be prepared for reading"));
    api->SetImage(ready.get());
    api->SetSourceResolution(300);
    if (api->Recognize(nullptr) != 0) {
        api->Clear();
        return R::failure(QStringLiteral("the photo reader could not read this photo"));
    }
    double weighted = 0;
    double weights = 0;
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (it) {
        do {
            std::unique_ptr<char[]> utf8(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
            if (!utf8)
                continue;
            const QString text = QString::fromUtf8(utf8.get()).simplified();
            const double confidence = it->Confidence(tesseract::RIL_TEXTLINE) / 100.0;
            bool letters = false;
            for (const QChar c : text)
                letters = letters || c.isLetter();
            if (!letters || confidence < kLineConfidence)
                continue;
            out.lines.append({text, confidence});
            weighted += confidence * double(text.size());
            weights += double(text.size());
        } while (it->Next(tesseract::RIL_TEXTLINE));
    }
    api->Clear();
    out.confidence = weights > 0 ? weighted / weights : 0;
    out.engine = QStringLiteral("tesseract %1 %2")
                     .arg(QString::fromLatin1(tesseract::TessBaseAPI::Version()),
                          QString::fromLatin1(kLanguages));
    return out;
}

} // namespace shopdesk
