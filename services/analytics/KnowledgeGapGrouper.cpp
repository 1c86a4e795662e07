#include "analytics/KnowledgeGapGrouper.h"

#include "knowledge/KnowledgeIndex.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace shopdesk {

QStringList KnowledgeGapGrouper::keys(const QString &question)
{
    QStringList out;
    for (const QString &w : KnowledgeIndex::queryWords(question)) {
        const QString k = KnowledgeIndex::soundKey(w);
        if (!k.isEmpty() && !out.contains(k))
            out << k;
    }
    return out;
}

namespace {

struct Building
{
    QSet<QString> keys;
    QHash<QString, int> wordings; // normalised wording -> times
    QStringList order;            // wordings in order of first asking
    int count = 0;
    QList<qint64> conversations;
};

double jaccard(const QSet<QString> &a, const QSet<QString> &b)
{
    if (a.isEmpty() && b.isEmpty())
        return 1;
    const qsizetype shared = QSet<QString>(a).intersect(b).size();
    return double(shared) / double(a.size() + b.size() - shared);
}

} // namespace

QList<KnowledgeGapGrouper::Group> KnowledgeGapGrouper::group(const QList<Question> &questions,
                                                             int limit)
{
    QList<Building> groups;
    for (const Question &q : questions) {
        const QString wording = q.text.simplified();
        if (wording.isEmpty())
            continue;
        const QStringList k = keys(wording);
        const QSet<QString> set(k.begin(), k.end());
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const Building &g) { return jaccard(g.keys, set) >= 0.5; });
        if (it == groups.end()) {
            groups.append(Building{set, {}, {}, 0, {}});
            it = groups.end() - 1;
        }
        const QString normal = wording.toLower();
        if (!it->wordings.contains(normal))
            it->order << wording;
        ++it->wordings[normal];
        ++it->count;
        if (q.conversationId > 0 && !it->conversations.contains(q.conversationId))
            it->conversations << q.conversationId;
    }
    QList<Group> out;
    for (Building &b : groups) {
        Group g;
        g.count = b.count;
        g.conversations = b.conversations;
        g.wordings = b.order;
        std::stable_sort(g.wordings.begin(), g.wordings.end(),
                         [&](const QString &x, const QString &y) {
                             return b.wordings.value(x.toLower()) > b.wordings.value(y.toLower());
                         });
        g.question = g.wordings.value(0);
        out << g;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Group &a, const Group &b) { return a.count > b.count; });
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

} // namespace shopdesk
