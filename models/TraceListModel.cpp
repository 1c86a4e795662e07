#include "TraceListModel.h"

#include "InboxSource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace shopdesk {

namespace {

QString intentWords(const QString &label)
{
    QString text = label;
    return text.replace(QLatin1Char('_'), QLatin1Char(' '));
}

QString percent(double p)
{
    return QStringLiteral("%1%").arg(qRound(p * 100));
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

TraceListModel::TraceListModel(InboxSource &source, QObject *parent)
    : QAbstractListModel(parent)
    , m_source(source)
{
    connect(&m_source, &InboxSource::traceAdded, this,
            [this](qint64 tenantId, qint64 conversationId) {
                if (tenantId == m_tenantId && conversationId == m_conversationId)
                    reload();
            });
}

int TraceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_traces.size());
}

QVariant TraceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &t = m_json.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1  %2").arg(
            QLocale().toString(m_traces.at(index.row()).createdAt.toLocalTime().time(),
                               QLocale::ShortFormat),
            summary(t));
    case Qt::ToolTipRole:
        return t.value(QStringLiteral("reason")).toString();
    case JsonRole:
        return t;
    case DecisionRole:
        return t.value(QStringLiteral("decision")).toString();
    case MessageIdRole:
        return m_traces.at(index.row()).messageId;
    default:
        return {};
    }
}

QJsonObject TraceListModel::traceAt(int row) const
{
    return m_json.value(row);
}

void TraceListModel::setConversation(qint64 tenantId, qint64 conversationId)
{
    if (tenantId == m_tenantId && conversationId == m_conversationId)
        return;
    m_tenantId = tenantId;
    m_conversationId = conversationId;
    beginResetModel();
    m_traces.clear();
    m_json.clear();
    endResetModel();
    if (conversationId > 0)
        reload();
    else
        m_request.invalidate();
}

void TraceListModel::reload()
{
    const qint64 tenantId = m_tenantId, conversationId = m_conversationId;
    m_source.traces(tenantId, conversationId, 100, this,
                    m_request.latest([this](Result<QList<ExecutionTrace>> result) {
                        if (!result) {
                            Q_EMIT loadFailed(result.error());
                            return;
                        }
                        beginResetModel();
                        m_traces = std::move(result).value();
                        m_json.clear();
                        for (const ExecutionTrace &t : std::as_const(m_traces))
                            m_json.append(QJsonDocument::fromJson(t.json).object());
                        endResetModel();
                        Q_EMIT loaded();
                    }));
}

QString TraceListModel::summary(const QJsonObject &t)
{
    const QString message = t.value(QStringLiteral("message")).toString();
    const QJsonObject intent = t.value(QStringLiteral("intent")).toObject();
    const QString decision = t.value(QStringLiteral("decision")).toString();
    QString text = QStringLiteral("“%1”").arg(
        message.left(40) + (message.size() > 40 ? QStringLiteral("…") : QString()));
    if (!intent.isEmpty())
        text += QStringLiteral(" → %1, %2")
                    .arg(intentWords(intent.value(QStringLiteral("label")).toString()),
                         percent(intent.value(QStringLiteral("probability")).toDouble()));
    if (decision == QLatin1String("escalate"))
        text += tr(" · handed over");
    else if (decision == QLatin1String("silent"))
        text += t.value(QStringLiteral("reason")).toString().isEmpty()
                    ? tr(" · bot silent")
                    : tr(" · bot silent: %1").arg(t.value(QStringLiteral("reason")).toString());
    else if (t.value(QStringLiteral("model")).toObject().value(QStringLiteral("used")).toBool())
        text += tr(" · replied (language model)");
    else
        text += tr(" · replied");
    return text;
}

QString TraceListModel::html(const QJsonObject &t)
{
    QString h;
    const auto section = [&h](const QString &title) {
        h += QStringLiteral("<h4 style='margin:8px 0 2px 0'>%1</h4>").arg(esc(title));
    };
    const QJsonObject reading = t.value(QStringLiteral("reading")).toObject();
    const bool voice = reading.value(QStringLiteral("by")).toString() == QLatin1String("voice");
    const QString said = reading.isEmpty() ? tr("Customer:")
                         : voice           ? tr("Customer (voice note, heard):")
                                           : tr("Customer (photo of a list, read):");
    h += QStringLiteral("<p><b>%1</b> “%2”</p>")
             .arg(esc(said), esc(t.value(QStringLiteral("message")).toString()));
    if (!reading.isEmpty()) {
        const double sure = reading.value(QStringLiteral("confidence")).toDouble(-1);
        h += QStringLiteral("<p style='color:#666'>%1</p>")
                 .arg(esc(tr("%1 in %2 ms%3")
                              .arg(reading.value(QStringLiteral("engine")).toString(),
                                   QString::number(reading.value(QStringLiteral("ms")).toDouble(),
                                                   'f', 0),
                                   sure >= 0 ? tr(", %1 sure").arg(percent(sure))
                                             : tr(", confidence not given"))));
    }
    const QJsonArray preface = t.value(QStringLiteral("preface")).toArray();
    for (const QJsonValue &p : preface)
        h += QStringLiteral("<p style='color:#666'><b>%1</b> %2</p>")
                 .arg(esc(tr("First sent:")), esc(p.toString()));
    const QString decision = t.value(QStringLiteral("decision")).toString();
    const QString reason = t.value(QStringLiteral("reason")).toString();
    h += QStringLiteral("<p><b>%1</b> %2%3</p>")
             .arg(esc(tr("Decision:")),
                  esc(decision == QLatin1String("escalate") ? tr("handed to a person")
                      : decision == QLatin1String("silent") ? tr("said nothing")
                                                            : tr("replied")),
                  reason.isEmpty() ? QString() : QStringLiteral(" — ") + esc(reason));
    const QString reply = t.value(QStringLiteral("reply")).toString();
    if (!reply.isEmpty())
        h += QStringLiteral("<p><b>%1</b> %2</p>").arg(esc(tr("Reply:")), esc(reply));
    h +=
        QStringLiteral("<p><b>%1</b> %2</p>")
            .arg(esc(tr("Confidence:")), percent(t.value(QStringLiteral("confidence")).toDouble()));

    const QJsonObject intent = t.value(QStringLiteral("intent")).toObject();
    if (!intent.isEmpty()) {
        section(tr("Understood as"));
        QStringList ranked;
        const QJsonArray ranking = intent.value(QStringLiteral("ranking")).toArray();
        for (qsizetype i = 0; i < ranking.size() && i < 3; ++i)
            ranked << QStringLiteral("%1 %2").arg(
                esc(intentWords(ranking.at(i)[QStringLiteral("intent")].toString())),
                percent(ranking.at(i)[QStringLiteral("probability")].toDouble()));
        h += QStringLiteral("<p>%1</p>").arg(ranked.join(QStringLiteral(" · ")));
        if (!t.value(QStringLiteral("normalized")).toString().isEmpty())
            h += QStringLiteral("<p style='color:#666'>%1 %2</p>")
                     .arg(esc(tr("Read as:")),
                          esc(t.value(QStringLiteral("normalized")).toString()));
    }
    const QJsonArray entities = t.value(QStringLiteral("entities")).toArray();
    if (!entities.isEmpty()) {
        section(tr("Items"));
        h += QStringLiteral("<ul style='margin:0'>");
        for (const QJsonValue &e : entities)
            h += QStringLiteral("<li>%1 → %2 (%3)</li>")
                     .arg(esc(e[QStringLiteral("text")].toString()),
                          esc(e[QStringLiteral("product")].toString(tr("not found"))),
                          percent(e[QStringLiteral("confidence")].toDouble()));
        h += QStringLiteral("</ul>");
    }
    const QJsonArray tools = t.value(QStringLiteral("tools")).toArray();
    const QJsonObject model = t.value(QStringLiteral("model")).toObject();
    QJsonArray calls = tools;
    for (const QJsonValue &c : model.value(QStringLiteral("calls")).toArray())
        calls.append(c);
    if (!calls.isEmpty()) {
        section(tr("Tools"));
        h += QStringLiteral("<ul style='margin:0'>");
        for (const QJsonValue &c : std::as_const(calls)) {
            const QString args =
                QString::fromUtf8(QJsonDocument(c[QStringLiteral("arguments")].toObject())
                                      .toJson(QJsonDocument::Compact));
            const QString error = c[QStringLiteral("error")].toString();
            h += QStringLiteral("<li><code>%1</code> %2%3</li>")
                     .arg(esc(c[QStringLiteral("tool")].toString()), esc(args),
                          error.isEmpty() ? QString()
                                          : QStringLiteral(" <span style='color:#b01e1e'>%1</span>")
                                                .arg(esc(error)));
        }
        h += QStringLiteral("</ul>");
    }
    const QJsonObject knowledge = t.value(QStringLiteral("knowledge")).toObject();
    if (!knowledge.isEmpty()) {
        section(tr("Store's documents"));
        QStringList titles;
        for (const QJsonValue &hit : knowledge.value(QStringLiteral("hits")).toArray())
            titles << esc(hit[QStringLiteral("title")].toString());
        h += QStringLiteral("<p>%1 %2</p>")
                 .arg(titles.isEmpty() ? esc(tr("Nothing matched."))
                                       : titles.mid(0, 3).join(QStringLiteral(", ")),
                      esc(tr("(answered by %1, %2 sure)")
                              .arg(knowledge.value(QStringLiteral("answered_by")).toString(),
                                   percent(
                                       knowledge.value(QStringLiteral("confidence")).toDouble()))));
    }
    if (!model.isEmpty()) {
        section(tr("Language model"));
        const bool used = model.value(QStringLiteral("used")).toBool();
        h += QStringLiteral("<p>%1</p>")
                 .arg(used ? esc(tr("%1 wrote the reply in %2 steps.")
                                     .arg(model.value(QStringLiteral("model")).toString())
                                     .arg(model.value(QStringLiteral("rounds")).toInt()))
                           : esc(tr("Not used: %1")
                                     .arg(model.value(QStringLiteral("fallback")).toString())));
        const QString draft = model.value(QStringLiteral("draft")).toString();
        if (!used && !draft.isEmpty())
            h += QStringLiteral("<p style='color:#666'>%1 “%2”</p>")
                     .arg(esc(tr("Its draft, not sent:")), esc(draft));
    }
    QStringList steps;
    for (const QJsonValue &s : t.value(QStringLiteral("steps")).toArray())
        steps << QStringLiteral("%1 %2 ms")
                     .arg(esc(s[QStringLiteral("step")].toString()))
                     .arg(s[QStringLiteral("ms")].toDouble(), 0, 'f', 1);
    if (!steps.isEmpty()) {
        section(tr("Steps"));
        h += QStringLiteral("<p style='color:#666'>%1</p>").arg(steps.join(QStringLiteral(" · ")));
    }
    return h;
}

} // namespace shopdesk
