#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace shopdesk {

// Reads the writing on a photo, offline, with Tesseract (English and Hindi): a customer's
// shopping list, line by line, each with Tesseract's confidence. The photo is made grey, scaled
// up when small, straightened when it was taken at a slant, and cleaned of speckle before it is
// read. Each thread keeps its own Tesseract (starting one reads its language data: ~0.3 s), so
// call it from a pool, never from the UI thread.
class ListOcr
{
public:
    struct Line
    {
        QString text;
        double confidence = 0; // 0..1
    };
    struct Text
    {
        QList<Line> lines;
        double confidence = 0; // the lines' mean, weighted by length
        double deskewDegrees = 0;
        QString engine; // "tesseract 5.3.0 eng+hin"
        QString joined() const;
    };
    // Lines less sure than this are left out (speckle and smudges read as letters).
    static constexpr double kLineConfidence = 0.35;

    static Result<Text> read(const QByteArray &image);
};

} // namespace shopdesk
