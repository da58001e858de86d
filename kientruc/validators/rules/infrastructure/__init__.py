"""Infrastructure rules: the dedicated data network, hosting in a data centre or cloud, the
national monitoring centre, data-centre standards.
"""
