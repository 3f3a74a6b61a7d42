// The Android library module of the ModelGates SDK (an AAR). Built by ./build-aar.sh, which
// first lays out the native libraries and the generated Kotlin under build/generated/.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "modelgates-android"
