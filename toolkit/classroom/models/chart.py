"""C6 regression chart: the students as points and the fitted line through them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.classroom.models.model import LinearFit
from toolkit.i18n import add_messages, t
from toolkit.plotting import figure_png, new_figure

add_messages(
    {
        "models.scatter": {"zh": "{feature} 与 {target}", "en": "{feature} and {target}"},
        "models.fitted": {"zh": "拟合直线", "en": "fitted line"},
        "models.students": {"zh": "学生", "en": "students"},
    }
)


def fit_chart(fit: LinearFit, data: pd.DataFrame) -> bytes:
    """PNG: the scatter of the first feature against the target with the fitted line."""
    feature = fit.features[0]
    figure = new_figure(6.4, 4)
    axes = figure.subplots()
    x = pd.to_numeric(data.loc[fit.predictions.index, feature], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(data.loc[fit.predictions.index, fit.target], errors="coerce").to_numpy(dtype=float)
    axes.scatter(x, y, color="#4c78a8", alpha=0.8, label=t("models.students"))
    if len(fit.features) == 1:
        line = np.linspace(np.nanmin(x), np.nanmax(x), 50)
        axes.plot(
            line, fit.intercept + fit.coefficients.iloc[0] * line, color="#c62828", label=t("models.fitted")
        )
    axes.set_xlabel(feature)
    axes.set_ylabel(fit.target)
    axes.set_title(f"{t('models.scatter', feature=feature, target=fit.target)}（R² = {fit.r_squared:.2f}）")
    axes.legend(loc="best", fontsize=8)
    return figure_png(figure, dpi=90)
