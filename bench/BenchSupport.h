#pragma once

// What every benchmark program shares: one JSON object per line on stdout for report.sh, a
// one-line failure, and percentiles.
#include "core/Result.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace shopdesk::bench {

inline void printLine(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

[[noreturn]] inline void die(const QString &message)
{
    std::fprintf(stderr, "bench: %s\n", qPrintable(message));
    std::exit(1);
}

template<typename T> T need(Result<T> r)
{
    if (!r)
        die(r.error());
    return std::move(r).value();
}

inline double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

} // namespace shopdesk::bench
